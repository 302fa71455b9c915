import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface ConfirmEmailChangeEmailProps {
  appName: string;
  url: string;
}

export function confirmEmailChangeSubject(appName: string) {
  return `Confirm your new email for ${appName}`;
}

/** Sent to the new address of an email change: the change happens only when this link is used. */
export default function ConfirmEmailChangeEmail({ appName, url }: ConfirmEmailChangeEmailProps) {
  return (
    <EmailLayout preview={`Confirm your new email address for ${appName}`} heading="Confirm your new email address">
      <Paragraph>{`Someone asked to make this the sign-in email of their account with ${appName}. Open the link to confirm: the account then signs in with this address. The link works for one hour.`}</Paragraph>
      <ActionLink url={url} label="Confirm my new email" />
      <Footnote>If you did not ask for this, you can safely ignore this email: nothing changes until the link is used.</Footnote>
    </EmailLayout>
  );
}

ConfirmEmailChangeEmail.PreviewProps = {
  appName: "Acme",
  url: "http://localhost:3000/email-change/confirm?token=preview-token",
} satisfies ConfirmEmailChangeEmailProps;
