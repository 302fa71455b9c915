import "server-only";
import type { BetterAuthPlugin, GenericEndpointContext } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { admin } from "better-auth/plugins/admin";
import { ACCOUNT_SUSPENDED_MESSAGE } from "@/lib/common/messages";
import { ENDPOINTS } from "@/lib/common/paths";
import { adminIdOf, recordAdminEvent, recordAdminSessionEnd, recordImpersonationStarted } from "./activity";
import { settleRole } from "./roles";
import { guardAdminRequest, isAdminPath, isRefusedWhileImpersonating, refuseWhileImpersonating, type AdminRuleOptions } from "./rules";
import { revokeUserSessionById, withoutUserSessionTokens } from "./sessions";
import { refuseSuspendedLink, refuseSuspendedSignInEmail } from "./suspension";

/**
 * The server side of an admin console: better-auth's admin plugin (the official client's adminClient() works
 * unchanged) with the admins named by ADMIN_EMAILS, the rules of ./rules.ts, suspension (./suspension.ts) and the
 * admin events (./activity.ts). docs/admin.md says who may do what.
 */

/** The longest an admin may act as someone else: the session it opens ends after this, whatever happens. */
const IMPERSONATION_SECONDS = 60 * 60;

const succeeded = (ctx: GenericEndpointContext) => !((ctx.context as { returned?: unknown }).returned instanceof Error);
const userIdIn = (ctx: GenericEndpointContext) => String((ctx.body as { userId?: unknown } | undefined)?.userId ?? "");

/** After the admin actions whose events no database hook sees: suspending, lifting, revoking all, removing. */
const recordAdminAction = createAuthMiddleware(async (ctx) => {
  if (!succeeded(ctx)) return;
  const adminId = await adminIdOf(ctx);
  if (!adminId) return;
  const userId = userIdIn(ctx);
  const body = (ctx.body ?? {}) as { banReason?: unknown; banExpiresIn?: unknown };
  switch (ctx.path) {
    case ENDPOINTS.banUser:
      return recordAdminEvent(ctx, "admin.user_suspended", {
        userId,
        adminId,
        details: {
          ...(typeof body.banReason === "string" && body.banReason ? { reason: body.banReason } : {}),
          ...(typeof body.banExpiresIn === "number" ? { forSeconds: body.banExpiresIn } : {}),
        },
      });
    case ENDPOINTS.unbanUser:
      return recordAdminEvent(ctx, "admin.user_unsuspended", { userId, adminId });
    case ENDPOINTS.revokeUserSessions:
      return recordAdminEvent(ctx, "admin.sessions_revoked", { userId, adminId, details: { sessions: "all" } });
    case ENDPOINTS.removeUser:
      return recordAdminEvent(ctx, "admin.user_deleted", { userId: null, adminId, details: { user: userId } });
  }
});

const RECORDED_ACTIONS: ReadonlySet<string> = new Set([
  ENDPOINTS.banUser,
  ENDPOINTS.unbanUser,
  ENDPOINTS.revokeUserSessions,
  ENDPOINTS.removeUser,
]);

export function adminPlugins(options: AdminRuleOptions) {
  return [
    admin({
      impersonationSessionDuration: IMPERSONATION_SECONDS,
      // Every way in answers a suspended account with the same words (also ./suspension.ts, for links and codes).
      bannedUserMessage: ACCOUNT_SUSPENDED_MESSAGE,
    }),
    {
      id: "admin-rules",
      endpoints: { revokeUserSessionById },
      init: () => ({
        options: {
          databaseHooks: {
            session: {
              create: {
                // The role follows ADMIN_EMAILS at every sign-in (./roles.ts).
                before: async (session) => {
                  await settleRole(session.userId, options.adminEmails);
                },
                after: recordImpersonationStarted,
              },
              delete: { after: recordAdminSessionEnd },
            },
          },
        },
      }),
      hooks: {
        before: [
          { matcher: (ctx) => isAdminPath(ctx.path), handler: guardAdminRequest(options) },
          { matcher: (ctx) => isRefusedWhileImpersonating(ctx.path), handler: refuseWhileImpersonating },
          {
            matcher: (ctx) => ctx.path === ENDPOINTS.sendLink || ctx.path === ENDPOINTS.sendCode,
            handler: refuseSuspendedSignInEmail,
          },
          { matcher: (ctx) => ctx.path === ENDPOINTS.verifyLink, handler: refuseSuspendedLink },
        ],
        after: [
          { matcher: (ctx) => RECORDED_ACTIONS.has(ctx.path ?? ""), handler: recordAdminAction },
          { matcher: (ctx) => ctx.path === ENDPOINTS.adminListUserSessions, handler: withoutUserSessionTokens },
        ],
      },
    } satisfies BetterAuthPlugin,
  ];
}

export type { AdminRuleOptions } from "./rules";
export {
  activityCsv,
  activityFilters,
  adminActivityPage,
  filterQuery,
  ACTIVITY_EXPORT_MAX_ROWS,
  type ActivityFilterForm,
  type ActivityFilters,
  type AdminActivityEvent,
} from "./activity-search";
export {
  addressesOf,
  consoleAccess,
  impersonationOf,
  pageNumber,
  searchTerm,
  userDetail,
  usersPage,
  type UserRow,
} from "./console";
export { ADMIN_ERRORS } from "./rules";
