import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface ConfirmEmailChangeEmailProps {
  brand: EmailBrand;
  url: string;
}

export function confirmEmailChangeSubject(appName: string) {
  return `Confirm your new email for ${appName}`;
}

/** Sent to the new address of an email change: the change happens only when this link is used. */
export default function ConfirmEmailChangeEmail({ brand, url }: ConfirmEmailChangeEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`Confirm your new email address for ${brand.name}`} heading="Confirm your new email address">
      <Paragraph>{`Someone asked to make this the sign-in email of their account with ${brand.name}. Open the link to confirm: the account then signs in with this address. The link works for one hour.`}</Paragraph>
      <ActionLink accent={brand.accent} url={url} label="Confirm my new email" />
      <Footnote>If you did not ask for this, you can safely ignore this email: nothing changes until the link is used.</Footnote>
    </EmailLayout>
  );
}

ConfirmEmailChangeEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  url: "http://localhost:3000/email-change/confirm?token=preview-token",
} satisfies ConfirmEmailChangeEmailProps;
