import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface VerifyEmailProps {
  appName: string;
  url: string;
}

export function verifyEmailSubject(appName: string) {
  return `Confirm your email for ${appName}`;
}

export default function VerifyEmail({ appName, url }: VerifyEmailProps) {
  return (
    <EmailLayout preview={`Confirm your email address for ${appName}`} heading="Confirm your email address">
      <Paragraph>{`Thanks for signing up for ${appName}. Confirm this address to finish creating your account, then sign in with your password.`}</Paragraph>
      <ActionLink url={url} label="Confirm my email" />
      <Footnote>If you did not create an account, you can safely ignore this email.</Footnote>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = {
  appName: "Acme",
  url: "http://localhost:3000/api/auth/verify-email?token=preview-token&callbackURL=%2Fsign-in%2Fpassword",
} satisfies VerifyEmailProps;
