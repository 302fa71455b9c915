import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface DeleteAccountEmailProps {
  brand: EmailBrand;
  url: string;
  /** Whether the app offers passwords (AUTH_PASSWORD): only then is changing one advice worth giving. */
  passwords?: boolean;
}

export function deleteAccountSubject(appName: string) {
  return `Confirm deleting your ${appName} account`;
}

/** The link that confirms deleting an account: it leads to a page that asks once more before anything happens. */
export default function DeleteAccountEmail({ brand, url, passwords = true }: DeleteAccountEmailProps) {
  return (
    <EmailLayout brand={brand} preview={`Confirm deleting your ${brand.name} account`} heading="Delete your account?">
      <Paragraph>{`Someone signed in to your ${brand.name} account asked to delete it. Open the link to confirm. Deleting removes the account and everything in it, and cannot be undone. The link works for one hour.`}</Paragraph>
      <ActionLink accent={brand.accent} url={url} label="Review and delete my account" />
      <Footnote>
        {passwords
          ? "If you did not ask for this, ignore this email and consider changing your password: your account stays as it is."
          : "If you did not ask for this, ignore this email: your account stays as it is."}
      </Footnote>
    </EmailLayout>
  );
}

DeleteAccountEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  url: "http://localhost:3000/account/delete?token=preview-token",
} satisfies DeleteAccountEmailProps;
