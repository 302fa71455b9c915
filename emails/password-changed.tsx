import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

/** What happened: a first password was added, the password was changed, or a reset link set a new one. */
export type PasswordChange = "set" | "changed" | "reset";

export interface PasswordChangedEmailProps {
  brand: EmailBrand;
  change: PasswordChange;
  /** Where to choose a new password if this was not the owner. */
  resetUrl: string;
}

/** Each change in its own words, the same in the subject, the heading and the body. */
const WORDS: Record<PasswordChange, { subject: (appName: string) => string; heading: string; body: string }> = {
  set: {
    subject: (appName) => `A password was added to your ${appName} account`,
    heading: "A password was added",
    body: "A password was added to your account. You can now sign in with it as well as with an emailed link.",
  },
  changed: {
    subject: (appName) => `Your ${appName} password was changed`,
    heading: "Your password was changed",
    body: "The password of your account was changed.",
  },
  reset: {
    subject: (appName) => `Your ${appName} password was reset`,
    heading: "Your password was reset",
    body: "The password of your account was reset with a link sent to this address. Every device was signed out.",
  },
};

export function passwordChangedSubject(appName: string, change: PasswordChange) {
  return WORDS[change].subject(appName);
}

/** The notice every password change sends to the account's address, whoever made it. */
export default function PasswordChangedEmail({ brand, change, resetUrl }: PasswordChangedEmailProps) {
  return (
    <EmailLayout brand={brand} preview={passwordChangedSubject(brand.name, change)} heading={WORDS[change].heading}>
      <Paragraph>{WORDS[change].body}</Paragraph>
      <Paragraph>{`If this wasn't you, choose a new password now: someone else may have access to your ${brand.name} account.`}</Paragraph>
      <ActionLink accent={brand.accent} url={resetUrl} label="Choose a new password" />
      <Footnote>If you made this change, there is nothing else to do.</Footnote>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  change: "changed",
  resetUrl: "http://localhost:3000/forgot-password",
} satisfies PasswordChangedEmailProps;
