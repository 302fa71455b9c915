import type { Metadata } from "next";
import Link from "next/link";
import { AccountSection } from "@/components/account/section";
import { InviteForm } from "@/components/organizations/invite-form";
import { InvitationList } from "@/components/organizations/invitation-list";
import { MemberList } from "@/components/organizations/member-list";
import { OrganizationNav } from "@/components/organizations/nav";
import { NoActiveOrganization } from "@/components/organizations/no-organization";
import { Alert } from "@/components/ui/alert";
import { Heading } from "@/components/ui/heading";
import { linkClass } from "@/components/ui/styles";
import { requireAccountSession } from "@/lib/auth/session";
import { canManageMembers, isOrganizationRole } from "@/lib/common/organizations";
import { activeOrganizationIdOf, activeOrganizationOf, organizationsOf } from "@/lib/organizations";

export const metadata: Metadata = { title: "Organization" };

const NOTICES: Record<string, string> = {
  left: "You left the organization.",
  deleted: "The organization is deleted.",
};

export default async function OrganizationPage({ searchParams }: PageProps<"/organization">) {
  const { user, session } = await requireAccountSession("/organization");
  const { left, deleted } = await searchParams;
  const notice = left ? NOTICES.left : deleted ? NOTICES.deleted : null;
  const active = await activeOrganizationOf(user.id, activeOrganizationIdOf(session));
  if (!active) {
    const organizations = await organizationsOf(user.id);
    return (
      <>
        <Heading>Organizations</Heading>
        {notice && <Alert tone="info">{notice}</Alert>}
        <AccountSection id="choose" title={organizations.length ? "Your organizations" : "No organization yet"}>
          <NoActiveOrganization organizations={organizations.map(({ id, name }) => ({ id, name }))} />
        </AccountSection>
      </>
    );
  }
  const { organization, role, members, invitations } = active;
  const manages = canManageMembers(role);
  return (
    <>
      <Heading>{organization.name}</Heading>
      <OrganizationNav showActivity={manages} />
      <AccountSection id="members" title={`Members (${members.length})`}>
        <MemberList
          organizationId={organization.id}
          viewerRole={role}
          members={members.map((member) => ({ ...member, joinedAt: member.joinedAt.toISOString(), self: member.userId === user.id }))}
        />
      </AccountSection>
      {manages && isOrganizationRole(role) ? (
        <>
          <AccountSection id="invite" title="Invite someone">
            <InviteForm organizationId={organization.id} inviterRole={role} />
          </AccountSection>
          <AccountSection id="invitations" title="Invitations waiting">
            <InvitationList
              organizationId={organization.id}
              invitations={invitations.map((invitation) => ({ ...invitation, expiresAt: invitation.expiresAt.toISOString() }))}
            />
          </AccountSection>
        </>
      ) : (
        <p className="mt-6 text-sm text-zinc-700 dark:text-zinc-300">
          Owners and admins invite people and manage members. <Link className={linkClass} href="/organization/settings">Settings</Link> lets you leave.
        </p>
      )}
    </>
  );
}
