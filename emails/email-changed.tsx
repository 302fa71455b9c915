import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface EmailChangedEmailProps {
  brand: EmailBrand;
  /** The new address, masked (n•••@example.com). */
  maskedNewEmail: string;
  /** Where to get help if this was not the owner. */
  helpUrl: string;
}

export function emailChangedSubject(appName: string) {
  return `Your ${appName} sign-in email was changed`;
}

/** Sent to the old address once an email change is confirmed. */
export default function EmailChangedEmail({ brand, maskedNewEmail, helpUrl }: EmailChangedEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`Your ${brand.name} sign-in email was changed`} heading="Your sign-in email was changed">
      <Paragraph>{`Your ${brand.name} sign-in email was changed to ${maskedNewEmail}. This address no longer signs in to that account.`}</Paragraph>
      <Paragraph>{`If this wasn't you, reply to this email or contact ${brand.name} support right away: someone else may have access to your account.`}</Paragraph>
      <ActionLink accent={brand.accent} url={helpUrl} label={`Go to ${brand.name}`} />
      <Footnote>If you made this change, there is nothing else to do.</Footnote>
    </EmailLayout>
  );
}

EmailChangedEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  maskedNewEmail: "n•••@example.com",
  helpUrl: "http://localhost:3000/",
} satisfies EmailChangedEmailProps;
