import { EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface EmailInUseEmailProps {
  appName: string;
}

/** The same subject as the confirmation the requester would get for a free address: nothing to tell apart. */
export function emailInUseSubject(appName: string) {
  return `Confirm your new email for ${appName}`;
}

/**
 * Sent to the owner of an address someone tried to move another account to. The request answers exactly as for
 * a free address, so it cannot be used to find out who has an account.
 */
export default function EmailInUseEmail({ appName }: EmailInUseEmailProps) {
  return (
    <EmailLayout preview={`Someone tried to use your address on ${appName}`} heading="This address already has an account">
      <Paragraph>{`Someone signed in to another ${appName} account asked to change its sign-in email to this address. This address already belongs to your account, so nothing was changed.`}</Paragraph>
      <Footnote>Your account is safe and you do not need to do anything.</Footnote>
    </EmailLayout>
  );
}

EmailInUseEmail.PreviewProps = { appName: "Acme" } satisfies EmailInUseEmailProps;
