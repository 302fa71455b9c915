import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { requireFreshSignIn } from "@/lib/account/fresh-sign-in";
import { recordActivity } from "@/lib/activity";
import { isOwnerRole, isValidSlug, ORGANIZATION_MESSAGES, validOrganizationName } from "@/lib/common/organizations";
import { ENDPOINTS } from "@/lib/common/paths";
import { db } from "@/lib/platform/db";
import { answerUnsentInvitation, guardInvitation } from "./invitations";

/**
 * The rules better-auth's organization plugin does not have, or words them unclearly: a name and slug that fit
 * in the UI and in addresses, a fresh sign-in before an organization is deleted, owners managed by owners only
 * (with an answer that says so), the invitations' limits (./invitations.ts), and the member.left event.
 */

export const ORGANIZATION_ERRORS = {
  ownersOnly: { code: "ONLY_OWNERS_MANAGE_OWNERS", message: "Only an owner can remove an owner or change their role." },
  lastOwner: {
    code: "LAST_OWNER",
    message: "An organization needs an owner: make another member an owner first.",
  },
} as const;

/** organizationHooks.beforeCreateOrganization and beforeUpdateOrganization: the name trimmed, both validated. */
export function validateOrganization(data: { name?: unknown; slug?: unknown }, { partial }: { partial: boolean }) {
  const checked: { name?: string } = {};
  if (!partial || data.name !== undefined) {
    const name = validOrganizationName(data.name);
    if (!name) throw new APIError("BAD_REQUEST", { code: "INVALID_ORGANIZATION_NAME", message: ORGANIZATION_MESSAGES.nameInvalid });
    checked.name = name;
  }
  if ((!partial || data.slug !== undefined) && !isValidSlug(data.slug)) {
    throw new APIError("BAD_REQUEST", { code: "INVALID_ORGANIZATION_SLUG", message: ORGANIZATION_MESSAGES.slugInvalid });
  }
  return checked;
}

/**
 * Before remove-member: an admin may remove members and admins, never an owner; the last owner stays. (better-auth
 * refuses both too, but answers an admin with "You cannot leave the organization as the only owner".)
 */
const guardRemoval = createAuthMiddleware(async (ctx) => {
  const session = await getSessionFromCtx(ctx);
  const body = ctx.body as { memberIdOrEmail?: unknown; organizationId?: unknown } | undefined;
  const organizationId = typeof body?.organizationId === "string" ? body.organizationId : session?.session.activeOrganizationId;
  if (!session || typeof organizationId !== "string" || typeof body?.memberIdOrEmail !== "string") return;
  const target = body.memberIdOrEmail.includes("@")
    ? await db.member.findFirst({ where: { organizationId, user: { email: body.memberIdOrEmail.toLowerCase() } } })
    : await db.member.findFirst({ where: { id: body.memberIdOrEmail, organizationId } });
  const actor = await db.member.findFirst({ where: { organizationId, userId: session.user.id } });
  // Not in this organization, or no such member: better-auth gives its own answer.
  if (!target || !actor || !isOwnerRole(target.role)) return;
  if (!isOwnerRole(actor.role)) throw new APIError("FORBIDDEN", ORGANIZATION_ERRORS.ownersOnly);
  const roles = await db.member.findMany({ where: { organizationId }, select: { role: true } });
  if (roles.filter(({ role }) => isOwnerRole(role)).length <= 1) throw new APIError("BAD_REQUEST", ORGANIZATION_ERRORS.lastOwner);
});

/** After leave: the member.left event (better-auth has no hook for leaving). */
const recordLeaving = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned as { organizationId?: unknown; userId?: unknown } | undefined;
  if (returned instanceof Error || typeof returned?.organizationId !== "string" || typeof returned.userId !== "string") return;
  await recordActivity(ctx, { type: "member.left", userId: returned.userId, organizationId: returned.organizationId });
});

/**
 * After creating, joining, leaving or deleting: the session cookie's cached copy is written again, so pages that
 * read it (the header, the dashboard) show the new active organization at once, not SESSION_CACHE_SECONDS later.
 * (better-auth refreshes it when the active organization is set, not when these change it.)
 */
const refreshCachedSession = createAuthMiddleware(async (ctx) => {
  if (ctx.context.returned instanceof Error) return;
  const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
  const current = token ? await ctx.context.internalAdapter.findSession(token) : null;
  if (current) await setSessionCookie(ctx, current);
});

const CHANGES_ACTIVE_ORGANIZATION: ReadonlySet<string> = new Set([
  ENDPOINTS.createOrganization,
  ENDPOINTS.acceptInvitation,
  ENDPOINTS.leaveOrganization,
  ENDPOINTS.deleteOrganization,
]);

export const organizationRules = () =>
  ({
    id: "organization-rules",
    hooks: {
      before: [
        { matcher: (ctx) => ctx.path === ENDPOINTS.deleteOrganization, handler: requireFreshSignIn },
        { matcher: (ctx) => ctx.path === ENDPOINTS.removeMember, handler: guardRemoval },
        { matcher: (ctx) => ctx.path === ENDPOINTS.inviteMember, handler: guardInvitation },
      ],
      after: [
        { matcher: (ctx) => ctx.path === ENDPOINTS.inviteMember, handler: answerUnsentInvitation },
        { matcher: (ctx) => ctx.path === ENDPOINTS.leaveOrganization, handler: recordLeaving },
        { matcher: (ctx) => CHANGES_ACTIVE_ORGANIZATION.has(ctx.path ?? ""), handler: refreshCachedSession },
      ],
    },
  }) satisfies BetterAuthPlugin;
