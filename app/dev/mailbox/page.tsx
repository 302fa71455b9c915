import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/ui/styles";
import { findMailboxEmail, linksIn, listMailbox, mailboxEnabled } from "@/lib/platform/email/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

export default async function MailboxPage({ searchParams }: PageProps<"/dev/mailbox">) {
  if (!mailboxEnabled()) notFound();
  const { id } = await searchParams;
  const emails = await listMailbox();
  const selected = typeof id === "string" ? await findMailboxEmail(id) : emails[0];

  return (
    <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Dev mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        No email provider is configured, so emails land here instead of being sent. Set RESEND_API_KEY and EMAIL_FROM
        to send them for real.
      </p>
      {emails.length === 0 ? (
        <p className="mt-8 rounded-md border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No emails yet. <Link className={linkClass} href="/sign-in">Sign in</Link> to send one.
        </p>
      ) : (
        // minmax(0, …): a long address truncates inside its column instead of widening the grid.
        <div className="mt-6 grid grid-cols-[minmax(0,1fr)] items-start gap-6 md:grid-cols-[18rem_minmax(0,1fr)]">
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {emails.map((email) => (
              <li key={email.id}>
                <Link
                  href={`/dev/mailbox?id=${email.id}`}
                  aria-current={email.id === selected?.id ? "true" : undefined}
                  title={email.to}
                  className="block px-4 py-3 hover:bg-zinc-50 aria-[current]:bg-zinc-100 dark:hover:bg-zinc-800 dark:aria-[current]:bg-zinc-800"
                >
                  <span className="block truncate text-sm font-medium">{email.to}</span>
                  <span className="block truncate text-sm">{email.subject}</span>
                  <time className="block text-xs text-zinc-600 dark:text-zinc-400" dateTime={email.createdAt.toISOString()}>
                    {email.createdAt.toLocaleString("en")}
                  </time>
                </Link>
              </li>
            ))}
          </ul>
          {selected && (
            <article className="rounded-lg border border-zinc-200 bg-white p-4 wrap-anywhere dark:border-zinc-800 dark:bg-zinc-900">
              <h2 className="font-semibold">{selected.subject}</h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">To: {selected.to}</p>
              <ul className="mt-3 space-y-1 text-sm">
                {linksIn(selected.text).map((link) => (
                  <li key={link} className="break-all">
                    <a className={linkClass} href={link}>
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
              <iframe
                title={`Email: ${selected.subject}`}
                srcDoc={selected.html}
                sandbox="allow-popups allow-top-navigation-by-user-activation"
                className="mt-4 h-[32rem] w-full rounded border border-zinc-200 bg-white dark:border-zinc-800"
              />
            </article>
          )}
        </div>
      )}
    </main>
  );
}
