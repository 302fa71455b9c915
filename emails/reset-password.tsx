import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface ResetPasswordEmailProps {
  brand: EmailBrand;
  url: string;
}

export function resetPasswordSubject(appName: string) {
  return `Reset your ${appName} password`;
}

export default function ResetPasswordEmail({ brand, url }: ResetPasswordEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`Choose a new password for ${brand.name}`} heading="Reset your password">
      <Paragraph>{`Someone asked to reset the password of your ${brand.name} account. Click the button below to choose a new one. The link works once and expires in one hour.`}</Paragraph>
      <ActionLink accent={brand.accent} url={url} label="Choose a new password" />
      <Footnote>If you did not ask for this, you can safely ignore this email: your password stays the same.</Footnote>
    </EmailLayout>
  );
}

ResetPasswordEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  url: "http://localhost:3000/api/auth/reset-password/preview-token?callbackURL=%2Freset-password",
} satisfies ResetPasswordEmailProps;
