import type { Metadata } from "next";
import Link from "next/link";
import { DeleteAccountConfirm } from "@/components/account/delete-confirm";
import { AccountSection } from "@/components/account/section";
import { Alert } from "@/components/ui/alert";
import { Heading } from "@/components/ui/heading";
import { linkClass } from "@/components/ui/styles";
import { isLiveDeleteLink } from "@/lib/account/deletion";
import { requireAccountSession } from "@/lib/auth/session";
import { authFeatures } from "@/lib/auth/settings";
import { PAGES } from "@/lib/common/paths";

export const metadata: Metadata = { title: "Delete your account", robots: { index: false } };

/**
 * Where the emailed delete link leads. Opening it deletes nothing; the button does. The link belongs to the
 * signed-in account only (better-auth checks that again when it is used).
 */
export default async function DeleteAccountPage({ searchParams }: PageProps<"/account/delete">) {
  const { token } = await searchParams;
  // Opened signed out (the email read on another device): signing in comes back to this very link, still usable.
  const { user } = await requireAccountSession(
    typeof token === "string" ? `${PAGES.deleteAccount}?${new URLSearchParams({ token })}` : PAGES.deleteAccount,
  );
  const usable = await isLiveDeleteLink(token, user.id);
  return (
    <>
      <Heading>Delete your account</Heading>
      <AccountSection id="delete" title={usable ? "This cannot be undone" : "This link can't be used"}>
        {usable ? (
          <>
            <p className="mb-4 text-zinc-700 dark:text-zinc-300">
              Your account <strong className="text-zinc-900 dark:text-zinc-100">{user.email}</strong>,{" "}
              {authFeatures.password ? "its password, sessions" : "its sessions"} and activity will be deleted. You can create
              a new account with this address later.
            </p>
            <DeleteAccountConfirm token={token as string} />
          </>
        ) : (
          <>
            <Alert>This link has expired, was already used, or belongs to another account.</Alert>
            <Link className={linkClass} href="/account/security">
              Ask for a new link
            </Link>
          </>
        )}
      </AccountSection>
    </>
  );
}
