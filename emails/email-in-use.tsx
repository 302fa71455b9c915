import { type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface EmailInUseEmailProps {
  brand: EmailBrand;
}

/** The same subject as the confirmation the requester would get for a free address: nothing to tell apart. */
export function emailInUseSubject(appName: string) {
  return `Confirm your new email for ${appName}`;
}

/**
 * Sent to the owner of an address someone tried to move another account to. The request answers exactly as for
 * a free address, so it cannot be used to find out who has an account.
 */
export default function EmailInUseEmail({ brand }: EmailInUseEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`Someone tried to use your address on ${brand.name}`} heading="This address already has an account">
      <Paragraph>{`Someone signed in to another ${brand.name} account asked to change its sign-in email to this address. This address already belongs to your account, so nothing was changed.`}</Paragraph>
      <Footnote>Your account is safe and you do not need to do anything.</Footnote>
    </EmailLayout>
  );
}

EmailInUseEmail.PreviewProps = { brand: PREVIEW_BRAND } satisfies EmailInUseEmailProps;
