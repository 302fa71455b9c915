import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { getSessionFromCtx } from "better-auth/api";
import { recordActivity, type ActivityDetails, type ActivityEventType } from "@/lib/activity";
import { ENDPOINTS } from "@/lib/common/paths";

/**
 * The admin events of the activity log. Each is recorded on the account it is about (its userId), with the admin's
 * id in details.admin: the account's own Recent activity shows what was done to it, and a view across accounts
 * finds every admin action by its type. admin.user_deleted is the exception: the account and its events are gone,
 * so its row has no userId and names the deleted account in details.user.
 */

type Source = GenericEndpointContext | null | undefined;

export async function recordAdminEvent(
  ctx: Source,
  type: ActivityEventType,
  { userId, adminId, details = {} }: { userId: string | null; adminId: string; details?: ActivityDetails },
) {
  await recordActivity(ctx, { type, userId, details: { ...details, admin: adminId } });
}

/** The admin's id on an admin request (read again after the endpoint: its session is untouched by these). */
export async function adminIdOf(ctx: GenericEndpointContext) {
  return (await getSessionFromCtx(ctx))?.user.id ?? null;
}

type ImpersonationSession = { userId: string; impersonatedBy?: string | null };

/** databaseHooks.session.create.after: an admin opened a session as this user. */
export async function recordImpersonationStarted(session: ImpersonationSession, ctx: Source) {
  if (!session.impersonatedBy) return;
  await recordAdminEvent(ctx, "admin.impersonation_started", { userId: session.userId, adminId: session.impersonatedBy });
}

/**
 * databaseHooks.session.delete.after: the admin stopped (an impersonation session deleted by stop-impersonating), or
 * one of the user's sessions revoked by an admin (revoke-user-session by its token, revoke-session by its id).
 */
export async function recordAdminSessionEnd(session: ImpersonationSession, ctx: Source) {
  if (ctx?.path === ENDPOINTS.stopImpersonating && session.impersonatedBy) {
    await recordAdminEvent(ctx, "admin.impersonation_stopped", { userId: session.userId, adminId: session.impersonatedBy });
  } else if (ctx?.path === ENDPOINTS.revokeUserSession || ctx?.path === ENDPOINTS.adminRevokeSession) {
    const adminId = await adminIdOf(ctx);
    if (adminId) await recordAdminEvent(ctx, "admin.sessions_revoked", { userId: session.userId, adminId, details: { sessions: 1 } });
  }
}
