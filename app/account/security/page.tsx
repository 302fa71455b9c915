import type { Metadata } from "next";
import { headers } from "next/headers";
import { DeleteAccountRequest } from "@/components/account/delete-request";
import { RequireFreshSignIn } from "@/components/account/fresh-sign-in";
import { AccountSection } from "@/components/account/section";
import { PasskeyList } from "@/components/passkeys/list";
import { PasswordForm } from "@/components/password/change-form";
import { TwoFactorDisable } from "@/components/two-factor/disable";
import { TwoFactorSetup } from "@/components/two-factor/setup";
import { Heading } from "@/components/ui/heading";
import { isFresh } from "@/lib/account";
import { auth } from "@/lib/auth";
import { maskEmail } from "@/lib/common/email-address";
import { requireAccountSession } from "@/lib/auth/session";
import { clientLabel } from "@/lib/common/user-agent";
import { listPasskeys } from "@/lib/two-factor/passkeys";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const { user, session } = await requireAccountSession("/account/security");
  const requestHeaders = await headers();
  const [{ hasPassword }, passkeys] = await Promise.all([
    auth.api.accountPasswordStatus({ headers: requestHeaders }),
    listPasskeys(user.id),
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
          passkeys={passkeys}
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
