import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";
import { forgetUser } from "@/lib/account/deletion";
import { isFresh, NEEDS_FRESH_SIGN_IN } from "@/lib/account/fresh-sign-in";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { ENDPOINTS } from "@/lib/common/paths";
import { settleOrganizationsBeforeDeletion } from "@/lib/organizations";
import { db } from "@/lib/platform/db";
import { isAdmin, isAdminAccount, USER_ROLE } from "./roles";

/**
 * The rules around better-auth's admin endpoints, which on their own let an admin ban or remove another admin
 * and set any role: every /admin/ endpoint is for an admin holding a second factor; the destructive ones need a
 * fresh sign-in; no admin acts on another admin or on themselves; the admin role comes from ADMIN_EMAILS alone;
 * and a session an admin opened as someone else cannot change how that account signs in.
 */

export const ADMIN_ERRORS = {
  adminsOnly: { code: "ADMIN_ONLY", message: "Only the app's admins can do this." },
  needsSecondFactor: {
    code: "ADMIN_NEEDS_SECOND_FACTOR",
    message:
      "Admins need a second factor: turn on two-factor authentication or add a passkey on your account's Security page, then try again.",
  },
  notOnYourself: {
    code: "ADMIN_CANNOT_TARGET_SELF",
    message: "Admins can't do this to their own account: use the account area for your own sessions and settings.",
  },
  notOnAdmins: {
    code: "ADMIN_CANNOT_TARGET_ADMIN",
    message: "Admins can't do this to another admin. An admin is whoever ADMIN_EMAILS lists: change that list instead.",
  },
  roleFromList: {
    code: "ROLE_FROM_ADMIN_EMAILS",
    message: `Only the "${USER_ROLE}" role can be set here: the admin role comes from ADMIN_EMAILS, at the account's next sign-in.`,
  },
  notWhileImpersonating: {
    code: "NOT_WHILE_IMPERSONATING",
    message: "An admin viewing this account can't change how it signs in. Stop viewing it first.",
  },
} as const;

/** Admin endpoints that end or take over someone's access: these need a fresh sign-in. */
const DESTRUCTIVE: ReadonlySet<string> = new Set([
  ENDPOINTS.banUser,
  ENDPOINTS.removeUser,
  ENDPOINTS.impersonateUser,
  ENDPOINTS.revokeUserSession,
  ENDPOINTS.adminRevokeSession,
  ENDPOINTS.revokeUserSessions,
  ENDPOINTS.adminSetRole,
]);

/** Admin endpoints that act on one account: never another admin's, never the admin's own. */
const TARGETED: ReadonlySet<string> = new Set([
  ...DESTRUCTIVE,
  ENDPOINTS.adminUpdateUser,
  ENDPOINTS.adminSetUserPassword,
]);

/**
 * What a session an admin opened as someone else may not do: anything that changes how the account signs in, or
 * deletes it (the fresh sign-in rule would not stop it: that session is new).
 */
const NOT_WHILE_IMPERSONATING: ReadonlySet<string> = new Set([
  ...NEEDS_FRESH_SIGN_IN,
  ENDPOINTS.deleteUser,
  ENDPOINTS.accountSetPassword,
  ENDPOINTS.accountPassword,
  ENDPOINTS.accountRevokeSession,
  ENDPOINTS.accountCancelEmailChange,
  ENDPOINTS.passkeyRegisterOptions,
  ENDPOINTS.passkeyRegister,
  ENDPOINTS.deletePasskey,
  ENDPOINTS.deleteOrganization,
]);

export interface AdminRuleOptions {
  adminEmails: ReadonlySet<string>;
  /** Which second factors count: those the app offers (AUTH_TWO_FACTOR, AUTH_PASSKEYS). */
  secondFactors: { twoFactor: boolean; passkeys: boolean };
}

type SessionUser = { id: string; email: string; role?: string | null; twoFactorEnabled?: boolean | null };

export async function holdsSecondFactor(user: SessionUser, { twoFactor, passkeys }: AdminRuleOptions["secondFactors"]) {
  if (twoFactor && user.twoFactorEnabled) return true;
  return passkeys && (await db.passkey.count({ where: { userId: user.id } })) > 0;
}

const body = (ctx: GenericEndpointContext) => (ctx.body ?? {}) as Record<string, unknown>;

/** The account an admin request acts on: its userId, or the owner of the session token it revokes. */
async function targetOf(ctx: GenericEndpointContext) {
  const { userId, sessionToken } = body(ctx);
  if (ctx.path === ENDPOINTS.revokeUserSession) {
    if (typeof sessionToken !== "string") return null;
    return (await db.session.findUnique({ where: { token: sessionToken }, select: { userId: true } }))?.userId ?? null;
  }
  return typeof userId === "string" || typeof userId === "number" ? String(userId) : null;
}

/** The roles a request asks for (set-role's role, create-user's role or data.role, update-user's data.role). */
function requestedRoles(ctx: GenericEndpointContext): unknown[] {
  const { role, data } = body(ctx);
  const fromData = typeof data === "object" && data !== null && Object.hasOwn(data, "role") ? (data as { role: unknown }).role : undefined;
  return [role, fromData].filter((value) => value !== undefined).flatMap((value) => (Array.isArray(value) ? value : [value]));
}

/** Before remove-user: its organizations settled and its traces gone, as when people delete their own account. */
async function prepareRemoval(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return;
  try {
    await settleOrganizationsBeforeDeletion(userId);
  } catch (error) {
    if (error instanceof APIError && error.body?.code === "ONLY_OWNER_OF_ORGANIZATION") {
      throw APIError.from("BAD_REQUEST", {
        code: "ONLY_OWNER_OF_ORGANIZATION",
        message: "This account is the only owner of an organization with other members: one of them must be made an owner first.",
      });
    }
    throw error;
  }
  await forgetUser(user);
}

/** Before every /admin/ endpoint but stop-impersonating (whose caller is the session being viewed). */
export function guardAdminRequest({ adminEmails, secondFactors }: AdminRuleOptions) {
  return createAuthMiddleware(async (ctx) => {
    const session = await getAuthoritativeSessionFromCtx(ctx);
    if (!session) throw APIError.from("UNAUTHORIZED", { code: "UNAUTHORIZED", message: SERVER_MESSAGES.signInToContinue });
    const user = session.user as SessionUser;
    if (!isAdmin(user, adminEmails)) throw APIError.from("FORBIDDEN", ADMIN_ERRORS.adminsOnly);
    if (!(await holdsSecondFactor(user, secondFactors))) throw APIError.from("FORBIDDEN", ADMIN_ERRORS.needsSecondFactor);
    if (DESTRUCTIVE.has(ctx.path) && !isFresh(session.session)) {
      throw APIError.from("FORBIDDEN", { code: "SESSION_NOT_FRESH", message: SERVER_MESSAGES.sessionNotFresh });
    }
    if (requestedRoles(ctx).some((role) => role !== USER_ROLE)) throw APIError.from("FORBIDDEN", ADMIN_ERRORS.roleFromList);
    if (!TARGETED.has(ctx.path)) return;
    const targetId = await targetOf(ctx);
    // No such account (or session): better-auth gives its own answer.
    if (!targetId) return;
    if (targetId === user.id) throw APIError.from("FORBIDDEN", ADMIN_ERRORS.notOnYourself);
    const target = await db.user.findUnique({ where: { id: targetId }, select: { email: true, role: true } });
    if (!target) return;
    if (isAdminAccount(target, adminEmails)) throw APIError.from("FORBIDDEN", ADMIN_ERRORS.notOnAdmins);
    if (ctx.path === ENDPOINTS.removeUser) await prepareRemoval(targetId);
  });
}

/** Before the endpoints in NOT_WHILE_IMPERSONATING: refused to a session an admin opened as someone else. */
export const refuseWhileImpersonating = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if ((session?.session as { impersonatedBy?: string | null } | undefined)?.impersonatedBy) {
    throw APIError.from("FORBIDDEN", ADMIN_ERRORS.notWhileImpersonating);
  }
});

export const isAdminPath = (path: string | undefined) =>
  path !== undefined && path.startsWith(ENDPOINTS.adminPrefix) && path !== ENDPOINTS.stopImpersonating;
export const isRefusedWhileImpersonating = (path: string | undefined) => NOT_WHILE_IMPERSONATING.has(path ?? "");
