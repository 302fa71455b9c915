import { type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface NoAccountEmailProps {
  brand: EmailBrand;
}

export function noAccountSubject(appName: string) {
  return `Sign in to ${appName}`;
}

/**
 * Sent instead of a link when sign-up is closed and the address has no account. The subject and the answer on
 * screen are the same as for a link, so the sign-in form does not tell who has an account.
 */
export default function NoAccountEmail({ brand }: NoAccountEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`There is no ${brand.name} account for this address`} heading={`No ${brand.name} account for this address`}>
      <Paragraph>
        {`Someone asked to sign in to ${brand.name} with this email address, but there is no account for it and new accounts are closed. If you have an account under another address, sign in with that one.`}
      </Paragraph>
      <Footnote>If you did not ask for this email, you can safely ignore it.</Footnote>
    </EmailLayout>
  );
}

NoAccountEmail.PreviewProps = { brand: PREVIEW_BRAND } satisfies NoAccountEmailProps;
