import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface ResetPasswordEmailProps {
  appName: string;
  url: string;
}

export function resetPasswordSubject(appName: string) {
  return `Reset your ${appName} password`;
}

export default function ResetPasswordEmail({ appName, url }: ResetPasswordEmailProps) {
  return (
    <EmailLayout preview={`Choose a new password for ${appName}`} heading="Reset your password">
      <Paragraph>{`Someone asked to reset the password of your ${appName} account. Click the button below to choose a new one. The link works once and expires in one hour.`}</Paragraph>
      <ActionLink url={url} label="Choose a new password" />
      <Footnote>If you did not ask for this, you can safely ignore this email: your password stays the same.</Footnote>
    </EmailLayout>
  );
}

ResetPasswordEmail.PreviewProps = {
  appName: "Acme",
  url: "http://localhost:3000/api/auth/reset-password/preview-token?callbackURL=%2Freset-password",
} satisfies ResetPasswordEmailProps;
