import Link from "next/link";
import { BRAND } from "@/lib/common/brand";
import { getCurrentSession } from "@/lib/auth/session";
import { adminOptions } from "@/lib/auth/settings";
import { activeOrganizationIdOf, organizationsOf } from "@/lib/organizations";
import { OrganizationSwitcher } from "@/components/organizations/switcher";
import { focusRing } from "@/components/ui/styles";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

/**
 * The header on every page: the app's logo and name (lib/common/brand.ts), the organization menu, the admin console
 * (for admins), the signed-in address (to the account) and sign-out, the theme.
 */
export async function SiteHeader() {
  // The header must render even when the session store is down: the page itself reports that.
  const session = await getCurrentSession().catch(() => null);
  const organizations = session ? await organizationsOf(session.user.id).catch(() => []) : [];
  return (
    <header className="border-b border-zinc-200 bg-white/70 dark:border-zinc-800 dark:bg-zinc-900/70">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-2 px-4 py-3">
        <Link href="/" className={`flex shrink-0 items-center gap-2 rounded-sm font-semibold tracking-tight ${focusRing}`}>
          {/* The brand's own SVG markup (lib/common/brand.ts): a constant of this app, never user input. */}
          <span aria-hidden="true" className="size-7 [&>svg]:size-full" dangerouslySetInnerHTML={{ __html: BRAND.logo }} />
          {/* Signed in on a phone, the logo alone leaves the organization and the address their room. */}
          <span className={session ? "max-sm:sr-only" : undefined}>{BRAND.name}</span>
        </Link>
        <nav aria-label="Account" className="flex min-w-0 items-center gap-1">
          {session && (
            <>
              <OrganizationSwitcher
                organizations={organizations.map(({ id, name }) => ({ id, name }))}
                activeId={activeOrganizationIdOf(session.session)}
              />
              {/* By the list, not the role in the cached cookie (written before the sign-in set it); the console checks both. */}
              {adminOptions.adminEmails.has(session.user.email) && !("impersonatedBy" in session.session && session.session.impersonatedBy) && (
                <Link href="/admin" className={`shrink-0 rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}>
                  Admin
                </Link>
              )}
              <Link
                href="/account"
                title={session.user.email}
                className={`min-w-0 truncate rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}
              >
                <span className="sr-only">Signed in as </span>
                {session.user.email}
              </Link>
              <SignOutButton appearance="header" />
            </>
          )}
          <ThemeToggle />
        </nav>
      </div>
    </header>
  );
}
