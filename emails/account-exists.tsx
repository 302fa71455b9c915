import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface AccountExistsEmailProps {
  brand: EmailBrand;
  signInUrl: string;
}

export function accountExistsSubject(appName: string) {
  return `Confirm your email for ${appName}`;
}

/**
 * Sent when someone signs up with an address that already has an account. The sign-up form answers exactly as
 * for a new address (same subject too), so it cannot be used to find out who has an account.
 */
export default function AccountExistsEmail({ brand, signInUrl }: AccountExistsEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`You already have an account with ${brand.name}`} heading="You already have an account">
      <Paragraph>{`Someone tried to create an account with ${brand.name} using this email address, but it already has one. To get in, sign in with a link or your password.`}</Paragraph>
      <ActionLink accent={brand.accent} url={signInUrl} label={`Sign in to ${brand.name}`} />
      <Footnote>If this was not you, you can safely ignore this email: your account has not changed.</Footnote>
    </EmailLayout>
  );
}

AccountExistsEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  signInUrl: "http://localhost:3000/sign-in",
} satisfies AccountExistsEmailProps;
