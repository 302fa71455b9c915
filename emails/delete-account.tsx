import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface DeleteAccountEmailProps {
  appName: string;
  url: string;
  /** Whether the app offers passwords (AUTH_PASSWORD): only then is changing one advice worth giving. */
  passwords?: boolean;
}

export function deleteAccountSubject(appName: string) {
  return `Confirm deleting your ${appName} account`;
}

/** The link that confirms deleting an account: it leads to a page that asks once more before anything happens. */
export default function DeleteAccountEmail({ appName, url, passwords = true }: DeleteAccountEmailProps) {
  return (
    <EmailLayout preview={`Confirm deleting your ${appName} account`} heading="Delete your account?">
      <Paragraph>{`Someone signed in to your ${appName} account asked to delete it. Open the link to confirm. Deleting removes the account and everything in it, and cannot be undone. The link works for one hour.`}</Paragraph>
      <ActionLink url={url} label="Review and delete my account" />
      <Footnote>
        {passwords
          ? "If you did not ask for this, ignore this email and consider changing your password: your account stays as it is."
          : "If you did not ask for this, ignore this email: your account stays as it is."}
      </Footnote>
    </EmailLayout>
  );
}

DeleteAccountEmail.PreviewProps = {
  appName: "Acme",
  url: "http://localhost:3000/account/delete?token=preview-token",
} satisfies DeleteAccountEmailProps;
