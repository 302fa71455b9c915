import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface PasswordChangedEmailProps {
  appName: string;
  /** What happened: a first password was added, the password was changed, or a reset link set a new one. */
  change: "set" | "changed" | "reset";
  /** Where to choose a new password if this was not the owner. */
  resetUrl: string;
}

export function passwordChangedSubject(appName: string) {
  return `Your ${appName} password was changed`;
}

const WHAT_HAPPENED = {
  set: "A password was added to your account. You can now sign in with it as well as with an emailed link.",
  changed: "The password of your account was changed.",
  reset: "The password of your account was reset with a link sent to this address. Every device was signed out.",
};

/** The notice every password change sends to the account's address, whoever made it. */
export default function PasswordChangedEmail({ appName, change, resetUrl }: PasswordChangedEmailProps) {
  return (
    <EmailLayout preview={`Your ${appName} password was changed`} heading="Your password was changed">
      <Paragraph>{WHAT_HAPPENED[change]}</Paragraph>
      <Paragraph>{`If this wasn't you, choose a new password now: someone else may have access to your ${appName} account.`}</Paragraph>
      <ActionLink url={resetUrl} label="Choose a new password" />
      <Footnote>If you made this change, there is nothing else to do.</Footnote>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  appName: "Acme",
  change: "changed",
  resetUrl: "http://localhost:3000/forgot-password",
} satisfies PasswordChangedEmailProps;
