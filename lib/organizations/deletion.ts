import "server-only";
import { APIError } from "better-auth/api";
import { isOwnerRole } from "@/lib/common/organizations";
import { db } from "@/lib/platform/db";

/**
 * What deleting an account does to its organizations (user.deleteUser.beforeDelete, before the account's own
 * data goes): an organization with no other member goes with it; one whose only owner it is, with other members,
 * stops the deletion until someone else owns it. Its events stay in the organizations' activity, without its id.
 */
export async function settleOrganizationsBeforeDeletion(userId: string) {
  const memberships = await db.member.findMany({
    where: { userId },
    include: { organization: { include: { members: { select: { userId: true, role: true } } } } },
  });
  const alone = memberships.filter(({ organization }) => organization.members.every((member) => member.userId === userId));
  const stranded = memberships.find(
    ({ role, organization }) =>
      isOwnerRole(role) &&
      !alone.some((lone) => lone.organizationId === organization.id) &&
      !organization.members.some((member) => member.userId !== userId && isOwnerRole(member.role)),
  );
  if (stranded) {
    throw new APIError("BAD_REQUEST", {
      code: "ONLY_OWNER_OF_ORGANIZATION",
      message: `You are the only owner of ${stranded.organization.name}: make another member an owner, or delete the organization, first.`,
    });
  }
  await db.$transaction([
    db.organization.deleteMany({ where: { id: { in: alone.map(({ organizationId }) => organizationId) } } }),
    db.session.updateMany({ where: { activeOrganizationId: { in: alone.map(({ organizationId }) => organizationId) } }, data: { activeOrganizationId: null } }),
    db.activityEvent.updateMany({ where: { userId, organizationId: { not: null } }, data: { userId: null } }),
  ]);
}
