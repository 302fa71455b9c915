import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface AccountExistsEmailProps {
  appName: string;
  signInUrl: string;
}

export function accountExistsSubject(appName: string) {
  return `Confirm your email for ${appName}`;
}

/**
 * Sent when someone signs up with an address that already has an account. The sign-up form answers exactly as
 * for a new address (same subject too), so it cannot be used to find out who has an account.
 */
export default function AccountExistsEmail({ appName, signInUrl }: AccountExistsEmailProps) {
  return (
    <EmailLayout preview={`You already have an account with ${appName}`} heading="You already have an account">
      <Paragraph>{`Someone tried to create an account with ${appName} using this email address, but it already has one. To get in, sign in with a link or your password.`}</Paragraph>
      <ActionLink url={signInUrl} label={`Sign in to ${appName}`} />
      <Footnote>If this was not you, you can safely ignore this email: your account has not changed.</Footnote>
    </EmailLayout>
  );
}

AccountExistsEmail.PreviewProps = {
  appName: "Acme",
  signInUrl: "http://localhost:3000/sign-in",
} satisfies AccountExistsEmailProps;
