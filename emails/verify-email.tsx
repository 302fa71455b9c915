import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface VerifyEmailProps {
  brand: EmailBrand;
  url: string;
}

export function verifyEmailSubject(appName: string) {
  return `Confirm your email for ${appName}`;
}

export default function VerifyEmail({ brand, url }: VerifyEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`Confirm your email address for ${brand.name}`} heading="Confirm your email address">
      <Paragraph>{`Thanks for signing up for ${brand.name}. Confirm this address to finish creating your account, then sign in with your password.`}</Paragraph>
      <ActionLink accent={brand.accent} url={url} label="Confirm my email" />
      <Footnote>If you did not create an account, you can safely ignore this email.</Footnote>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  url: "http://localhost:3000/api/auth/verify-email?token=preview-token&callbackURL=%2Fsign-in%2Fpassword",
} satisfies VerifyEmailProps;
