import "server-only";
import { canManageMembers } from "@/lib/common/organizations";
import { db } from "@/lib/platform/db";

/**
 * What the organization pages show, read from the database on every request: membership is checked here, never
 * taken from the session's cached cookie, so a removed member sees nothing of the organization on their next request.
 */

/** The organizations a person is in, by name, with their role in each (the header's switcher). */
export async function organizationsOf(userId: string) {
  const memberships = await db.member.findMany({
    where: { userId },
    include: { organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return memberships.map(({ organization, role }) => ({ ...organization, role }));
}

/**
 * The session's active organization, if the person is still in it: the organization (with its members count) and
 * their role. Null without one. What the dashboard, the settings and the activity pages need.
 */
export async function activeMembershipOf(userId: string, activeOrganizationId: string | null | undefined) {
  if (!activeOrganizationId) return null;
  const membership = await db.member.findUnique({
    where: { organizationId_userId: { organizationId: activeOrganizationId, userId } },
    include: { organization: { include: { _count: { select: { members: true } } } } },
  });
  if (!membership) return null;
  const { _count, ...organization } = membership.organization;
  return { organization, membersCount: _count.members, role: membership.role, memberId: membership.id };
}

/**
 * The active organization with its members and (for owners and admins) its pending invitations: the members page.
 */
export async function activeOrganizationOf(userId: string, activeOrganizationId: string | null | undefined) {
  const membership = await activeMembershipOf(userId, activeOrganizationId);
  if (!membership) return null;
  const organizationId = membership.organization.id;
  const [members, invitations] = await Promise.all([
    db.member.findMany({
      where: { organizationId },
      include: { user: { select: { email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    canManageMembers(membership.role)
      ? db.invitation.findMany({ where: { organizationId, status: "pending" }, orderBy: { createdAt: "desc" } })
      : [],
  ]);
  return {
    ...membership,
    members: members.map((member) => ({
      id: member.id,
      userId: member.userId,
      email: member.user.email,
      name: member.user.name,
      role: member.role,
      joinedAt: member.createdAt,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role ?? "member",
      expiresAt: invitation.expiresAt,
    })),
  };
}

export type ActiveOrganization = NonNullable<Awaited<ReturnType<typeof activeOrganizationOf>>>;

/** The session's active organization id (better-auth's session.activeOrganizationId, which the session type here does not carry). */
export const activeOrganizationIdOf = (session: object): string | null =>
  (session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null;
