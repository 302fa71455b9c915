import type { Metadata } from "next";
import { headers } from "next/headers";
import { DeleteAccountRequest, PasswordForm } from "@/components/account-forms";
import { AccountSection } from "@/components/account-section";
import { RequireFreshSignIn } from "@/components/fresh-sign-in";
import { PasskeyList } from "@/components/passkey-list";
import { TwoFactorDisable, TwoFactorSetup } from "@/components/security-forms";
import { Heading } from "@/components/ui";
import { isFresh } from "@/lib/account";
import { auth } from "@/lib/auth";
import { db } from "@/lib/db";
import { maskEmail } from "@/lib/email-address";
import { requireAccountSession } from "@/lib/session";
import { clientLabel } from "@/lib/user-agent";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const { user, session } = await requireAccountSession("/account/security");
  const requestHeaders = await headers();
  const [{ hasPassword }, passkeys] = await Promise.all([
    auth.api.accountPasswordStatus({ headers: requestHeaders }),
    db.passkey.findMany({
      where: { userId: user.id },
      select: { id: true, name: true, createdAt: true, backedUp: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const identity = { email: user.email, maskedEmail: maskEmail(user.email) };
  const fresh = isFresh(session);
  const browser = clientLabel(requestHeaders.get("user-agent"));
  return (
    <>
      <Heading>Security</Heading>
      <AccountSection id="password" title={hasPassword ? "Change your password" : "Add a password"}>
        {!hasPassword && (
          <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">
            You sign in with emailed links. A password lets you sign in when email is slow or out of reach.
          </p>
        )}
        <RequireFreshSignIn fresh={fresh} {...identity} callbackURL="/account/security">
          <PasswordForm hasPassword={hasPassword} {...identity} />
        </RequireFreshSignIn>
      </AccountSection>
      <AccountSection id="two-factor" title="Two-factor authentication">
        {!fresh ? (
          // One "confirm it's you" per page: the password section above holds it.
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {user.twoFactorEnabled ? "On." : "Off."} To change this, confirm it&apos;s you with the sign-in link above.
          </p>
        ) : user.twoFactorEnabled ? (
          <TwoFactorDisable hasPassword={hasPassword} {...identity} />
        ) : (
          <TwoFactorSetup hasPassword={hasPassword} {...identity} />
        )}
      </AccountSection>
      <AccountSection id="passkeys" title="Passkeys">
        <PasskeyList
          passkeys={passkeys.map((passkey) => ({ ...passkey, createdAt: passkey.createdAt?.toISOString() ?? null }))}
          // "Chrome on macOS"; not "an unknown browser".
          suggestedName={browser.startsWith("a") ? "Passkey" : browser}
          fresh={fresh}
          {...identity}
        />
      </AccountSection>
      <AccountSection id="delete" title="Delete your account">
        <DeleteAccountRequest maskedEmail={identity.maskedEmail} />
      </AccountSection>
    </>
  );
}
