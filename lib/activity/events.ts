import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { isAPIError } from "better-auth/api";
import { normalizeEmail } from "@/lib/common/email-address";
import { ENDPOINTS } from "@/lib/common/paths";
import { db } from "@/lib/platform/db";
import { describeError, logger } from "@/lib/platform/log";
import { recordActivity, type NewActivityEvent } from "./record";
import { FIRST_FACTOR_PATHS, signInMethodOf, signInMethodOfRequest } from "./sign-in-methods";

/**
 * Which event fires when, for what better-auth does: the endpoints' outcomes (the after hook in
 * lib/auth/hooks.ts) and its database hooks (sessions, users, accounts). The features record their own events
 * beside the rule they enforce: the second factor and passkeys (lib/two-factor/activity.ts), the account area
 * (lib/account/), email changes (lib/account/email-change.ts).
 */

async function userIdFor(email: unknown) {
  const address = normalizeEmail(email);
  if (!address) return null;
  return (await db.user.findUnique({ where: { email: address }, select: { id: true } }))?.id ?? null;
}

/** The error code a redirect carries (?error=INVALID_TOKEN), or null for a redirect that means success. */
function redirectError(returned: unknown) {
  if (!isAPIError(returned)) return null;
  const location = new Headers(returned.headers ?? undefined).get("location");
  if (!location) return returned.body?.code ?? returned.status.toString();
  return new URL(location, "http://localhost").searchParams.get("error");
}

/** The endpoints whose outcome eventForRequest may record: the after hook runs for these only. */
export const LOGGED_ENDPOINTS: ReadonlySet<string> = new Set([
  ENDPOINTS.sendLink,
  ENDPOINTS.sendCode,
  ENDPOINTS.verifyLink,
  ENDPOINTS.signInWithPassword,
  ENDPOINTS.signInWithCode,
  ENDPOINTS.changePassword,
  ENDPOINTS.changeEmail,
]);

/** The event for an endpoint's outcome, where one is due. Sessions, users and resets come from database hooks. */
async function eventForRequest(ctx: GenericEndpointContext): Promise<NewActivityEvent | null> {
  // What the endpoint answered: its JSON, or the APIError it threw (redirects included).
  const returned = (ctx.context as { returned?: unknown }).returned;
  const failed = isAPIError(returned) && returned.statusCode >= 400;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  switch (ctx.path) {
    case ENDPOINTS.sendLink:
    case ENDPOINTS.sendCode:
      if (failed || (ctx.path === ENDPOINTS.sendCode && body.type !== "sign-in")) return null;
      return {
        type: "magic_link.sent",
        userId: await userIdFor(body.email),
        details: { via: ctx.path === ENDPOINTS.sendLink ? "link" : "code" },
      };
    case ENDPOINTS.verifyLink: {
      const error = redirectError(returned);
      return error ? { type: "sign_in.failed", details: { method: "link", reason: error.toLowerCase() } } : null;
    }
    case ENDPOINTS.signInWithPassword:
    case ENDPOINTS.signInWithCode:
      if (!failed || !isAPIError(returned)) return null;
      return {
        type: "sign_in.failed",
        userId: await userIdFor(body.email),
        details: {
          method: signInMethodOf(ctx.path) ?? "unknown",
          reason: (returned.body?.code ?? returned.status.toString()).toLowerCase(),
        },
      };
    case ENDPOINTS.changePassword:
      if (failed || !ctx.context.session) return null;
      return {
        type: "password.changed",
        userId: ctx.context.session.user.id,
        details: { otherDevicesSignedOut: body.revokeOtherSessions === true },
      };
    case ENDPOINTS.changeEmail: {
      const to = normalizeEmail(body.newEmail);
      if (failed || !ctx.context.session || !to) return null;
      return { type: "email.change_requested", userId: ctx.context.session.user.id, details: { to } };
    }
    default:
      return null;
  }
}

/** After an endpoint in LOGGED_ENDPOINTS: the event its answer calls for. Never throws. */
export async function recordRequestActivity(ctx: GenericEndpointContext) {
  try {
    const event = await eventForRequest(ctx);
    if (event) await recordActivity(ctx, event);
  } catch (error) {
    logger.error(`Could not work out the activity event for ${ctx.path}: ${describeError(error)}`);
  }
}

/** Records a sign-in: the session.created event, and the account's lastSignInAt (the admin console's users table). */
export async function recordSignIn(ctx: GenericEndpointContext | null, session: { userId: string; signInMethod?: string | null }) {
  await db.user
    .update({ where: { id: session.userId }, data: { lastSignInAt: new Date() } })
    .catch((error) => logger.error(`Could not note the sign-in time: ${describeError(error)}`));
  await recordActivity(ctx, {
    type: "session.created",
    userId: session.userId,
    details: { method: session.signInMethod ?? "unknown" },
  });
}

/**
 * databaseHooks.session.create.after: who signed in, and how. Not for a first factor (see FIRST_FACTOR_PATHS),
 * nor for the new session two-factor settings give the browser they are changed in.
 */
export async function recordSessionCreated(
  session: { userId: string; signInMethod?: string | null },
  ctx: GenericEndpointContext | null,
) {
  if (FIRST_FACTOR_PATHS.has(ctx?.path ?? "")) return;
  if (ctx?.path.startsWith("/two-factor/") && ctx.context.session) return;
  await recordSignIn(ctx, session);
}

const REVOKING_PATHS: ReadonlySet<string> = new Set([
  ENDPOINTS.revokeSession,
  ENDPOINTS.revokeOtherSessions,
  ENDPOINTS.accountRevokeSession,
]);

/** databaseHooks.session.delete.after: a session was deleted one at a time: signed out, or revoked. */
export async function recordSessionDeleted(session: { userId: string }, ctx: GenericEndpointContext | null) {
  if (ctx?.path === ENDPOINTS.signOut) {
    await recordActivity(ctx, { type: "sign_out", userId: session.userId });
  } else if (ctx && REVOKING_PATHS.has(ctx.path)) {
    await recordActivity(ctx, { type: "session.revoked", userId: session.userId });
  }
}

/** databaseHooks.user.create.after: a user was created, by a first link, code or provider sign-in, or by password sign-up. */
export async function recordUserCreated(user: { id: string }, ctx: GenericEndpointContext | null) {
  const via = ctx?.path === ENDPOINTS.signUp ? "password" : signInMethodOfRequest(ctx);
  await recordActivity(ctx, { type: "user.created", userId: user.id, details: via ? { via } : {} });
}
