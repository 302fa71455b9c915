import type { Metadata } from "next";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { RequireFreshSignIn } from "@/components/account/fresh-sign-in";
import { NameForm } from "@/components/account/name-form";
import { PendingEmailChange } from "@/components/account/pending-email-change";
import { AccountSection } from "@/components/account/section";
import { Alert } from "@/components/ui/alert";
import { Heading } from "@/components/ui/heading";
import { isFresh, pendingEmailChange } from "@/lib/account";
import { maskEmail } from "@/lib/common/email-address";
import { requireAccountSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Profile" };

/** What an email-change link's redirect says (better-auth adds ?error= when the link could not be used). */
const EMAIL_CHANGE_ERRORS: Record<string, string> = {
  TOKEN_EXPIRED: "That email-change link has expired. Ask for a new one below.",
  INVALID_USER: "That email-change link belongs to another account: sign out, then open it again.",
  INVALID_TOKEN: "That email-change link no longer works: it was used, cancelled, or replaced by a newer one.",
};

export default async function ProfilePage({ searchParams }: PageProps<"/account">) {
  const { user, session } = await requireAccountSession("/account");
  const { emailChanged, error } = await searchParams;
  const identity = { email: user.email, maskedEmail: maskEmail(user.email) };
  const pending = await pendingEmailChange(user.id);
  return (
    <>
      <Heading>Profile</Heading>
      <AccountSection id="email" title="Sign-in email">
        {typeof error === "string" ? (
          <Alert>{EMAIL_CHANGE_ERRORS[error] ?? "That email-change link can't be used. Ask for a new one below."}</Alert>
        ) : (
          emailChanged && <Alert tone="info">Your sign-in email is changed.</Alert>
        )}
        <p className="mb-4 text-sm">
          You sign in as <strong data-testid="user-email">{user.email}</strong>.
        </p>
        <PendingEmailChange pending={pending && { newEmail: pending.newEmail, expiresAt: pending.expiresAt.toISOString() }} />
        <RequireFreshSignIn fresh={isFresh(session)} {...identity} callbackURL="/account">
          <ChangeEmailForm {...identity} hasPendingChange={pending !== null} />
        </RequireFreshSignIn>
      </AccountSection>
      <AccountSection id="name" title="Name">
        <NameForm name={user.name} />
      </AccountSection>
    </>
  );
}
