import { ActionLink, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

export interface OrganizationInvitationEmailProps {
  brand: EmailBrand;
  /** Who invited: their name and address, as the organization knows them. */
  inviter: string;
  organizationName: string;
  /** The role in words: "an admin", "a member", "an owner". */
  role: string;
  /** When the invitation stops working, in words (UTC). */
  expires: string;
  url: string;
}

export function organizationInvitationSubject(appName: string, inviter: string, organizationName: string) {
  return `${inviter} invited you to ${organizationName} on ${appName}`;
}

/** An invitation to an organization: the link opens a page that shows it; only a button there accepts it. */
export default function OrganizationInvitationEmail({
  brand,
  inviter,
  organizationName,
  role,
  expires,
  url,
}: OrganizationInvitationEmailProps) {
  return (
    <EmailLayout
      brand={brand}
      preview={`Join ${organizationName} on ${brand.name}`}
      heading={`Join ${organizationName}`}
    >
      <Paragraph>{`${inviter} invited you to join ${organizationName} on ${brand.name} as ${role}. Open the invitation to accept it; if you have no account yet, you can sign in with this address there. The invitation works until ${expires}.`}</Paragraph>
      <ActionLink accent={brand.accent} url={url} label="View the invitation" />
      <Footnote>If you were not expecting this, ignore this email: nothing happens unless you accept.</Footnote>
    </EmailLayout>
  );
}

OrganizationInvitationEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  inviter: "Ada Lovelace (ada@example.com)",
  organizationName: "Analytical Engines",
  role: "an admin",
  expires: "December 13, 2026 at 6:00 PM UTC",
  url: "http://localhost:3000/invitations/preview-invitation",
} satisfies OrganizationInvitationEmailProps;
