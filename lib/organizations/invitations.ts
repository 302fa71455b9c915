import "server-only";
import { tryGetCurrentAuthEndpointContext } from "@better-auth/core/context";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import OrganizationInvitationEmail, { organizationInvitationSubject } from "@/emails/organization-invitation";
import { recordActivity } from "@/lib/activity";
import { BRAND } from "@/lib/common/brand";
import { canonicalMailbox, INVALID_EMAIL_MESSAGE, maskEmail, normalizeEmail } from "@/lib/common/email-address";
import { canManageMembers, isOrganizationRole, ROLE_LABELS } from "@/lib/common/organizations";
import { PAGES } from "@/lib/common/paths";
import { db } from "@/lib/platform/db";
import { sendEmail } from "@/lib/platform/email";
import { currentEmailBrand } from "@/lib/platform/email/brand";
import { describeError, logger } from "@/lib/platform/log";
import { consumeQuota, tooManyRequests } from "@/lib/platform/rate-limit";

/**
 * Invitations by email (better-auth's sendInvitationEmail): each email counts against two limits, one per
 * organization and one per inbox, counted in the database like the sign-in limits (lib/sign-in/limits.ts), so
 * neither an organization nor a crowd of them can flood an address. An invitation whose email could not be sent
 * is taken back and answered 503: nobody was invited.
 */

/** Invitation emails one organization may send per hour (new ones and re-sends). */
export const ORGANIZATION_INVITATION_LIMIT = { max: 20, windowSeconds: 60 * 60 };
/** Invitation emails one inbox may receive per hour, from every organization together. */
export const ADDRESS_INVITATION_LIMIT = { max: 5, windowSeconds: 60 * 60 };

const INVITATION_MESSAGES = {
  organizationLimit: "This organization has sent as many invitations as it may for now.",
  addressLimit: "That address has been sent as many invitations as it may for now.",
  notSent: "The invitation email could not be sent, so nobody was invited. Try again in a moment.",
} as const;

interface InvitationEmailData {
  id: string;
  email: string;
  role: string;
  organization: { id: string; name: string };
  inviter: { user: { id: string; name: string; email: string } };
  invitation: { expiresAt: Date };
}

const article = (role: string) => (/^[aeiou]/i.test(role) ? "an" : "a");
/** "an admin", "a member", "an owner". */
export const roleInWords = (role: string) => {
  const label = (isOrganizationRole(role) ? ROLE_LABELS[role] : role).toLowerCase();
  return `${article(label)} ${label}`;
};

/** Invitations whose email could not be sent, until the after hook turns the answer into a 503. */
const unsent = new Set<string>();

/**
 * organizationHooks.afterCreateInvitation, with sign-up closed (AUTH_DISABLE_SIGN_UP): the invited address gets an
 * account, unconfirmed, so that its emailed link or code can sign it in, as a member's would. Only an invitation
 * opens the closed door; an address nobody invited is still told there is no account.
 */
export async function accountForInvitee({ invitation }: { invitation: { id: string; email: string } }) {
  if (unsent.has(invitation.id)) return;
  const ctx = tryGetCurrentAuthEndpointContext() as GenericEndpointContext | undefined;
  if (!ctx || (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }))) return;
  await ctx.context.internalAdapter.createUser({ email: invitation.email, name: "", emailVerified: false }, { method: "organization-invitation" });
}

/**
 * Before invite-member: the address normalised as the sign-in form does it, then the two limits counted, for a
 * request that will send an email (an owner or admin inviting someone not yet in and not yet invited, or re-sending):
 * a stranger's or a member's refused request costs the organization nothing.
 */
export const guardInvitation = createAuthMiddleware(async (ctx) => {
  const body = ctx.body as Record<string, unknown> | undefined;
  if (!body) return;
  const email = normalizeEmail(body.email);
  if (!email) throw new APIError("BAD_REQUEST", { code: "INVALID_EMAIL", message: INVALID_EMAIL_MESSAGE });
  const session = await getSessionFromCtx(ctx);
  const organizationId = typeof body.organizationId === "string" ? body.organizationId : session?.session.activeOrganizationId;
  if (session && typeof organizationId === "string" && (await willSendInvitation(session.user.id, organizationId, email, body.resend === true))) {
    for (const [name, limit, message] of [
      [`organization-invitations:${organizationId}`, ORGANIZATION_INVITATION_LIMIT, INVITATION_MESSAGES.organizationLimit],
      [`invitation-emails:${canonicalMailbox(email)}`, ADDRESS_INVITATION_LIMIT, INVITATION_MESSAGES.addressLimit],
    ] as const) {
      const retryAfter = await consumeQuota(name, limit);
      if (retryAfter != null) throw tooManyRequests(retryAfter, message);
    }
  }
  return { context: { body: { ...body, email } } };
});

async function willSendInvitation(userId: string, organizationId: string, email: string, resend: boolean) {
  const [inviter, member, pending] = await Promise.all([
    db.member.findUnique({ where: { organizationId_userId: { organizationId, userId } } }),
    db.member.findFirst({ where: { organizationId, user: { email } } }),
    db.invitation.findFirst({ where: { organizationId, email, status: "pending" } }),
  ]);
  return canManageMembers(inviter?.role) && !member && (!pending || resend);
}

/** After invite-member: an invitation whose email was not sent is answered 503 (a new one was taken back). */
export const answerUnsentInvitation = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned as { id?: unknown } | undefined;
  if (returned instanceof Error || typeof returned?.id !== "string" || !unsent.delete(returned.id)) return;
  throw new APIError("SERVICE_UNAVAILABLE", { code: "EMAIL_NOT_SENT", message: INVITATION_MESSAGES.notSent });
});

/**
 * organization({ sendInvitationEmail }): sends the email and records the invitation. (better-auth swallows what
 * this throws: a failure is passed to the after hook above instead.)
 */
export async function sendInvitation(data: InvitationEmailData) {
  const ctx = tryGetCurrentAuthEndpointContext() as GenericEndpointContext | undefined;
  const resent = Boolean((ctx?.body as { resend?: unknown } | undefined)?.resend);
  const { user } = data.inviter;
  const inviter = user.name ? `${user.name} (${user.email})` : user.email;
  const url = new URL(`${PAGES.invitations}/${data.id}`, ctx?.context.baseURL).toString();
  try {
    await sendEmail({
      to: data.email,
      subject: organizationInvitationSubject(BRAND.name, inviter, data.organization.name),
      react: OrganizationInvitationEmail({
        brand: currentEmailBrand(),
        inviter,
        organizationName: data.organization.name,
        role: roleInWords(data.role),
        expires: `${data.invitation.expiresAt.toLocaleString("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`,
        url,
      }),
    });
  } catch (error) {
    logger.error(`Could not send an invitation email: ${describeError(error)}`);
    // A new invitation that reached nobody is taken back; a re-sent one stays as it was.
    if (!resent) await db.invitation.delete({ where: { id: data.id } }).catch(() => undefined);
    unsent.add(data.id);
    return;
  }
  await recordActivity(ctx, {
    type: "member.invited",
    userId: user.id,
    organizationId: data.organization.id,
    details: { email: maskEmail(data.email), role: data.role, ...(resent ? { resent: true } : {}) },
  });
}

export type InvitationState = "pending" | "accepted" | "expired" | "unusable";

/** What the invitation page shows: the invitation as its link's holder may see it, or null if there is none. */
export async function findInvitation(id: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const invitation = await db.invitation.findUnique({
    where: { id },
    include: { organization: { select: { id: true, name: true } }, inviter: { select: { name: true, email: true } } },
  });
  if (!invitation) return null;
  const state: InvitationState =
    invitation.status === "accepted"
      ? "accepted"
      : invitation.status !== "pending"
        ? "unusable"
        : invitation.expiresAt < new Date()
          ? "expired"
          : "pending";
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role ?? "member",
    state,
    expiresAt: invitation.expiresAt,
    organization: invitation.organization,
    inviter: invitation.inviter.name ? `${invitation.inviter.name} (${invitation.inviter.email})` : invitation.inviter.email,
  };
}
