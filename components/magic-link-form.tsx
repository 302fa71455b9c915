"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "@/lib/input-limits";
import { SubmitButton, useAuthForm } from "./auth-form";
import { linkClass } from "./styles";
import { Alert, Card, FormField } from "./ui";

interface MagicLinkSignInProps {
  callbackURL: string;
  /** A message for a link that failed, from the ?error= the link came back with. */
  initialError?: string;
  expiresInMinutes: number;
  signUpOpen: boolean;
}

/** Seconds before "Send again" works, so a second email is not sent while the first is on its way. */
const RESEND_COOLDOWN_SECONDS = 30;

/** Webmail shortcuts for the address's domain, where we know it. */
const inboxes: Record<string, { name: string; url: string }> = {
  "gmail.com": { name: "Gmail", url: "https://mail.google.com/mail/u/0/#inbox" },
  "googlemail.com": { name: "Gmail", url: "https://mail.google.com/mail/u/0/#inbox" },
  "outlook.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "hotmail.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "live.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "msn.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "yahoo.com": { name: "Yahoo Mail", url: "https://mail.yahoo.com" },
  "icloud.com": { name: "iCloud Mail", url: "https://www.icloud.com/mail" },
  "me.com": { name: "iCloud Mail", url: "https://www.icloud.com/mail" },
  "proton.me": { name: "Proton Mail", url: "https://mail.proton.me" },
  "protonmail.com": { name: "Proton Mail", url: "https://mail.proton.me" },
};

export function MagicLinkSignIn({ callbackURL, initialError, expiresInMinutes, signUpOpen }: MagicLinkSignInProps) {
  const form = useAuthForm(initialError);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();

  async function send(address: string) {
    setNotice(undefined);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signIn.magicLink({
        email: address,
        callbackURL,
        // A failed link comes back here, where the error becomes a message and the form is ready again.
        errorCallbackURL: `/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`,
        fetchOptions,
      }),
    );
    if (result) form.startWait(RESEND_COOLDOWN_SECONDS);
    return result !== null;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await send(email)) setSentTo(email);
  }

  if (sentTo) {
    const inbox = inboxes[sentTo.split("@")[1]?.toLowerCase() ?? ""];
    return (
      <Card title="Check your email">
        <p className="mb-4 text-zinc-700 dark:text-zinc-300">
          We sent a sign-in link to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. It works
          once and expires in {expiresInMinutes} minutes. Check your spam folder if you don&apos;t see it.
        </p>
        {/* A form, so the "Try again" of a network failure sends again too. */}
        <form
          method="post"
          className="space-y-3"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await send(sentTo)) setNotice("We sent a new link. Only the newest link works.");
          }}
        >
          {form.formError}
          {notice && <Alert tone="info">{notice}</Alert>}
          {inbox && (
            <a
              href={inbox.url}
              target="_blank"
              rel="noopener noreferrer"
              className="flex w-full items-center justify-center rounded-md bg-zinc-900 px-4 py-2.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
            >
              Open {inbox.name}
            </a>
          )}
          <SubmitButton form={form} variant="secondary">
            {form.wait > 0 ? `Send again in ${form.wait} s` : "Send again"}
          </SubmitButton>
        </form>
        <p className="mt-6 text-center text-sm">
          <button
            type="button"
            className={linkClass}
            onClick={() => {
              setSentTo(null);
              setNotice(undefined);
              form.clearFailure();
            }}
          >
            Try a different email
          </button>
        </p>
      </Card>
    );
  }

  return (
    <Card title="Sign in">
      <form method="post" onSubmit={submit} className="space-y-4">
        {form.formError}
        <FormField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          maxLength={INPUT_LIMITS.email}
          placeholder="you@example.com"
          required
          value={email}
          error={form.fieldError("email")}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SubmitButton form={form} pendingLabel="Sending…">
          Email me a sign-in link
        </SubmitButton>
      </form>
      <div className="mt-6 space-y-2 text-center text-sm text-zinc-700 dark:text-zinc-300">
        <p>
          <Link className={linkClass} href={`/sign-in/password?callbackURL=${encodeURIComponent(callbackURL)}`}>
            Use a password instead
          </Link>
        </p>
        {signUpOpen && (
          <p>
            New here? The link creates your account, or{" "}
            <Link className={linkClass} href="/sign-up">
              sign up with a password
            </Link>
            .
          </p>
        )}
      </div>
    </Card>
  );
}
