import "server-only";
import { tryGetCurrentAuthEndpointContext } from "@better-auth/core/context";
import type { GenericEndpointContext } from "better-auth";
import type { OrganizationOptions } from "better-auth/plugins";
import { activityPage, recordActivity, type ActivityDetails, type ActivityEventType } from "@/lib/activity";
import { maskEmail } from "@/lib/common/email-address";
import { db } from "@/lib/platform/db";

/**
 * The organization events of the activity log, each with its actor (the event's user) and its organization.
 * Recorded from better-auth's organizationHooks, which run after each change is made; the invitation itself is
 * recorded where its email is sent (./invitations.ts), and leaving by ./rules.ts (leaving has no hook).
 */

/** Records one organization event for the signed-in user of the current request. */
export async function recordOrganizationEvent(type: ActivityEventType, organizationId: string, details: ActivityDetails = {}) {
  const ctx = tryGetCurrentAuthEndpointContext() as GenericEndpointContext | undefined;
  const actor = (ctx?.context.session as { user?: { id: string } } | null | undefined)?.user?.id ?? null;
  await recordActivity(ctx, { type, userId: actor, organizationId, details });
}

/** The person an event is about, as the organization's activity shows them: masked, as every address in the log. */
const about = (user: { email: string }) => maskEmail(user.email);

export const organizationActivityHooks = {
  afterCreateOrganization: async ({ organization }) => {
    await recordOrganizationEvent("organization.created", organization.id, { name: organization.name });
  },
  afterUpdateOrganization: async ({ organization }) => {
    if (organization) await recordOrganizationEvent("organization.updated", organization.id, { name: organization.name, slug: organization.slug });
  },
  afterDeleteOrganization: async ({ organization }) => {
    // No session keeps pointing at an organization that is gone.
    await db.session.updateMany({ where: { activeOrganizationId: organization.id }, data: { activeOrganizationId: null } });
    await recordOrganizationEvent("organization.deleted", organization.id, { name: organization.name });
  },
  afterCancelInvitation: async ({ invitation, organization }) => {
    await recordOrganizationEvent("invitation.revoked", organization.id, { email: maskEmail(invitation.email) });
  },
  afterAcceptInvitation: async ({ member, organization }) => {
    await recordOrganizationEvent("member.joined", organization.id, { role: member.role });
  },
  afterUpdateMemberRole: async ({ member, previousRole, user, organization }) => {
    await recordOrganizationEvent("member.role_changed", organization.id, { member: about(user), from: previousRole, to: member.role });
  },
  afterRemoveMember: async ({ user, organization }) => {
    // The removed member's sessions stop pointing at the organization (every request checks membership anyway).
    await db.session.updateMany({ where: { userId: user.id, activeOrganizationId: organization.id }, data: { activeOrganizationId: null } });
    await recordOrganizationEvent("member.removed", organization.id, { member: about(user) });
  },
} satisfies OrganizationOptions["organizationHooks"];

/** One page of an organization's events, newest first, with each actor's current address. Pass the last id seen as `before`. */
export async function listOrganizationActivity(organizationId: string, page: { before?: number; pageSize?: number } = {}) {
  const { events, nextBefore } = await activityPage({ organizationId }, page);
  const actorIds = [...new Set(events.map((event) => event.userId).filter((id): id is string => id !== null))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } })).map((user) => [user.id, user.email]),
  );
  return {
    // An actor whose account was deleted keeps their events here, without their id.
    events: events.map((event) => ({ ...event, actor: (event.userId && actors.get(event.userId)) ?? "A deleted account" })),
    nextBefore,
  };
}
