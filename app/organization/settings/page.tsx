import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RequireFreshSignIn } from "@/components/account/fresh-sign-in";
import { AccountSection } from "@/components/account/section";
import { DeleteOrganization, LeaveOrganization } from "@/components/organizations/leave-delete";
import { OrganizationNav } from "@/components/organizations/nav";
import { OrganizationSettingsForm } from "@/components/organizations/settings-form";
import { Heading } from "@/components/ui/heading";
import { isFresh } from "@/lib/account";
import { requireAccountSession } from "@/lib/auth/session";
import { maskEmail } from "@/lib/common/email-address";
import { canManageMembers } from "@/lib/common/organizations";
import { activeMembershipOf, activeOrganizationIdOf } from "@/lib/organizations";

export const metadata: Metadata = { title: "Organization settings" };

export default async function OrganizationSettingsPage() {
  const { user, session } = await requireAccountSession("/organization/settings");
  const active = await activeMembershipOf(user.id, activeOrganizationIdOf(session));
  if (!active) redirect("/organization");
  const { organization, role } = active;
  return (
    <>
      <Heading>{organization.name}</Heading>
      <OrganizationNav showActivity={canManageMembers(role)} />
      {canManageMembers(role) && (
        <AccountSection id="details" title="Name and slug">
          <OrganizationSettingsForm organizationId={organization.id} name={organization.name} slug={organization.slug} />
        </AccountSection>
      )}
      <AccountSection id="leave" title="Leave the organization">
        <LeaveOrganization organizationId={organization.id} name={organization.name} />
      </AccountSection>
      {role === "owner" && (
        <AccountSection id="delete" title="Delete the organization">
          <RequireFreshSignIn
            fresh={isFresh(session)}
            email={user.email}
            maskedEmail={maskEmail(user.email)}
            callbackURL="/organization/settings"
          >
            <DeleteOrganization organizationId={organization.id} name={organization.name} />
          </RequireFreshSignIn>
        </AccountSection>
      )}
    </>
  );
}
