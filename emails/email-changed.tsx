import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface EmailChangedEmailProps {
  appName: string;
  /** The new address, masked (n•••@example.com). */
  maskedNewEmail: string;
  /** Where to get help if this was not the owner. */
  helpUrl: string;
}

export function emailChangedSubject(appName: string) {
  return `Your ${appName} sign-in email was changed`;
}

/** Sent to the old address once an email change is confirmed. */
export default function EmailChangedEmail({ appName, maskedNewEmail, helpUrl }: EmailChangedEmailProps) {
  return (
    <EmailLayout preview={`Your ${appName} sign-in email was changed`} heading="Your sign-in email was changed">
      <Paragraph>{`Your ${appName} sign-in email was changed to ${maskedNewEmail}. This address no longer signs in to that account.`}</Paragraph>
      <Paragraph>{`If this wasn't you, reply to this email or contact ${appName} support right away: someone else may have access to your account.`}</Paragraph>
      <ActionLink url={helpUrl} label={`Go to ${appName}`} />
      <Footnote>If you made this change, there is nothing else to do.</Footnote>
    </EmailLayout>
  );
}

EmailChangedEmail.PreviewProps = {
  appName: "Acme",
  maskedNewEmail: "n•••@example.com",
  helpUrl: "http://localhost:3000/",
} satisfies EmailChangedEmailProps;
