import type { Metadata } from "next";
import { headers } from "next/headers";
import { DeleteAccountRequest, PasswordForm } from "@/components/account-forms";
import { AccountSection } from "@/components/account-section";
import { RequireFreshSignIn } from "@/components/fresh-sign-in";
import { Heading } from "@/components/ui";
import { isFresh } from "@/lib/account";
import { auth } from "@/lib/auth";
import { maskEmail } from "@/lib/email-address";
import { requireAccountSession } from "@/lib/session";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const { user, session } = await requireAccountSession("/account/security");
  const { hasPassword } = await auth.api.accountPasswordStatus({ headers: await headers() });
  const identity = { email: user.email, maskedEmail: maskEmail(user.email) };
  return (
    <>
      <Heading>Security</Heading>
      <AccountSection id="password" title={hasPassword ? "Change your password" : "Add a password"}>
        {!hasPassword && (
          <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">
            You sign in with emailed links. A password lets you sign in when email is slow or out of reach.
          </p>
        )}
        <RequireFreshSignIn fresh={isFresh(session)} {...identity} callbackURL="/account/security">
          <PasswordForm hasPassword={hasPassword} {...identity} />
        </RequireFreshSignIn>
      </AccountSection>
      <AccountSection id="delete" title="Delete your account">
        <DeleteAccountRequest maskedEmail={identity.maskedEmail} />
      </AccountSection>
    </>
  );
}
