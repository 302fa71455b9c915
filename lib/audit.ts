import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { getIP, isAPIError } from "better-auth/api";
import { db } from "@/lib/db";
import { maskEmail, normalizeEmail } from "@/lib/email-address";
import { getEnv } from "@/lib/env";
import { describeError, logger } from "@/lib/log";

/**
 * The security log: one row per event in the audit_event table, written only from here, fed by better-auth's
 * hooks (lib/auth.ts) and the account endpoints (lib/account.ts). Writing an event never fails or holds up the
 * request it describes: a failed write is logged and the request goes on. No event holds a token, code,
 * password or session id; addresses appear masked. Each event is also a line in the server log (`event`: its type).
 */

/** Every event the log records (the README lists when each happens). */
export type AuditEventType =
  | "user.created"
  | "magic_link.sent"
  | "session.created"
  | "sign_in.failed"
  | "session.revoked"
  | "sign_out"
  | "email.change_requested"
  | "email.changed"
  | "password.set"
  | "password.changed"
  | "password.reset"
  | "account.deleted"
  | "passkey.added"
  | "passkey.removed"
  | "two_factor.enabled"
  | "two_factor.disabled"
  | "two_factor.failed"
  | "backup_code.used";

export type AuditDetails = Record<string, string | number | boolean>;

export interface AuditEvent {
  type: AuditEventType;
  userId: string | null;
  createdAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  details: AuditDetails;
}

/**
 * Sends each event somewhere besides the database (a SIEM, a log pipeline, a webhook). Replace this function
 * with your own; it runs after the event is stored, and a failure here is logged, never passed on.
 */
async function forwardAuditEvent(event: AuditEvent): Promise<void> {
  void event;
}

/** How a session signed in, by the better-auth endpoint that created it. Paths not listed record no method. */
const SIGN_IN_METHODS: Record<string, SignInMethod> = {
  "/magic-link/verify": "link",
  "/sign-in/email": "password",
  "/sign-in/email-otp": "code",
  "/passkey/verify-authentication": "passkey",
  // Signing out other devices on a password change starts a new session here, proven by the current password.
  "/change-password": "password",
};

export type SignInMethod = "link" | "password" | "code" | "passkey";

export function signInMethodOf(path: string | undefined): SignInMethod | null {
  return (path && SIGN_IN_METHODS[path]) || null;
}

const USER_AGENT_MAX_LENGTH = 512;

type NewAuditEvent = { type: AuditEventType; userId?: string | null; details?: AuditDetails };

/** What better-auth passes hooks and endpoints: the request's headers and the auth options (for its IP rule). */
type RequestSource = Pick<GenericEndpointContext, "headers" | "request"> & {
  context: Pick<GenericEndpointContext["context"], "options">;
};

/** Stores one event (and forwards it). Never throws. */
export async function recordAuditEvent(
  source: RequestSource | null | undefined,
  { type, userId = null, details = {} }: NewAuditEvent,
) {
  const rawHeaders = source?.request?.headers ?? source?.headers;
  const headers = rawHeaders ? new Headers(rawHeaders) : undefined;
  const event: AuditEvent = {
    type,
    userId,
    createdAt: new Date(),
    // The same trusted-header rule as the rate limiter (advanced.ipAddress in lib/auth.ts).
    ipAddress: headers && source ? getIP(headers, source.context.options) : null,
    userAgent: headers?.get("user-agent")?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
    details,
  };
  try {
    await db.auditEvent.create({ data: { ...event, details: JSON.stringify(details) } });
  } catch (error) {
    logger.error({ event: type }, `Could not record the audit event ${type}: ${describeError(error)}`);
    return;
  }
  logger.info({ event: type, userId, details }, `Security event ${type}`);
  pruneOldEvents();
  forwardAuditEvent(event).catch((error) => logger.error({ event: type }, `Could not forward the audit event ${type}: ${describeError(error)}`));
}

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
let lastPrune = 0;

/** Deletes events older than AUDIT_LOG_RETENTION_DAYS, at most once an hour per process, off the request's path. */
function pruneOldEvents() {
  const now = Date.now();
  if (now - lastPrune < PRUNE_INTERVAL_MS) return;
  lastPrune = now;
  const cutoff = new Date(now - getEnv().AUDIT_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  db.auditEvent
    .deleteMany({ where: { createdAt: { lt: cutoff } } })
    .catch((error) => logger.error(`Could not prune old audit events: ${describeError(error)}`));
}

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

/** The endpoints whose outcome eventForRequest may record: the after-hook in lib/auth.ts runs for these only. */
export const AUDITED_ENDPOINTS = new Set([
  "/sign-in/magic-link",
  "/email-otp/send-verification-otp",
  "/magic-link/verify",
  "/sign-in/email",
  "/sign-in/email-otp",
  "/change-password",
  "/change-email",
]);

/** The event for an endpoint's outcome, where one is due. Sessions, users and resets come from database hooks. */
async function eventForRequest(ctx: GenericEndpointContext): Promise<NewAuditEvent | null> {
  // What the endpoint answered: its JSON, or the APIError it threw (redirects included).
  const returned = (ctx.context as { returned?: unknown }).returned;
  const failed = isAPIError(returned) && returned.statusCode >= 400;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  switch (ctx.path) {
    case "/sign-in/magic-link":
    case "/email-otp/send-verification-otp":
      if (failed || (ctx.path === "/email-otp/send-verification-otp" && body.type !== "sign-in")) return null;
      return {
        type: "magic_link.sent",
        userId: await userIdFor(body.email),
        details: { via: ctx.path === "/sign-in/magic-link" ? "link" : "code" },
      };
    case "/magic-link/verify": {
      const error = redirectError(returned);
      return error ? { type: "sign_in.failed", details: { method: "link", reason: error.toLowerCase() } } : null;
    }
    case "/sign-in/email":
    case "/sign-in/email-otp":
      if (!failed || !isAPIError(returned)) return null;
      return {
        type: "sign_in.failed",
        userId: await userIdFor(body.email),
        details: {
          method: signInMethodOf(ctx.path) ?? "unknown",
          reason: (returned.body?.code ?? returned.status.toString()).toLowerCase(),
        },
      };
    case "/change-password":
      if (failed || !ctx.context.session) return null;
      return {
        type: "password.changed",
        userId: ctx.context.session.user.id,
        details: { otherDevicesSignedOut: body.revokeOtherSessions === true },
      };
    case "/change-email": {
      const to = normalizeEmail(body.newEmail);
      if (failed || !ctx.context.session || !to) return null;
      return { type: "email.change_requested", userId: ctx.context.session.user.id, details: { to: maskEmail(to) } };
    }
    default:
      return null;
  }
}

/** better-auth's after-hook (hooks.after in lib/auth.ts): the events that depend on an endpoint's answer. */
export async function auditAuthRequest(ctx: GenericEndpointContext) {
  try {
    const event = await eventForRequest(ctx);
    if (event) await recordAuditEvent(ctx, event);
  } catch (error) {
    logger.error(`Could not work out the audit event for ${ctx.path}: ${describeError(error)}`);
  }
}

/**
 * The sign-ins a second factor may follow: their sessions are recorded once the challenge is decided
 * (recordSignIn, from lib/two-factor.ts), since for a user with two-factor on that session is dropped at once.
 */
export const FIRST_FACTOR_PATHS = new Set(["/magic-link/verify", "/sign-in/email-otp", "/sign-in/email"]);

/**
 * A session was created (databaseHooks.session.create.after): who signed in, and how. Not for a first factor
 * (see FIRST_FACTOR_PATHS), nor for the new session two-factor settings give the browser they are changed in.
 */
export async function auditSessionCreated(
  session: { userId: string; signInMethod?: string | null },
  ctx: GenericEndpointContext | null,
) {
  if (FIRST_FACTOR_PATHS.has(ctx?.path ?? "")) return;
  if (ctx?.path.startsWith("/two-factor/") && ctx.context.session) return;
  await recordSignIn(ctx, session);
}

/** Records a sign-in: the session.created event. */
export async function recordSignIn(ctx: GenericEndpointContext | null, session: { userId: string; signInMethod?: string | null }) {
  await recordAuditEvent(ctx, {
    type: "session.created",
    userId: session.userId,
    details: { method: session.signInMethod ?? "unknown" },
  });
}

/** A session was deleted one at a time (databaseHooks.session.delete.after): signed out, or revoked. */
export async function auditSessionDeleted(session: { userId: string }, ctx: GenericEndpointContext | null) {
  if (ctx?.path === "/sign-out") {
    await recordAuditEvent(ctx, { type: "sign_out", userId: session.userId });
  } else if (ctx && REVOKING_PATHS.has(ctx.path)) {
    await recordAuditEvent(ctx, { type: "session.revoked", userId: session.userId });
  }
}

const REVOKING_PATHS = new Set(["/revoke-session", "/revoke-other-sessions", "/account/revoke-session"]);

/** One page of a user's events, newest first. Pass the last id seen as `before` for the next page. */
export async function listAuditEvents(userId: string, { before, pageSize = 20 }: { before?: number; pageSize?: number } = {}) {
  const rows = await db.auditEvent.findMany({
    where: { userId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: pageSize + 1,
  });
  return {
    events: rows.slice(0, pageSize).map((row) => ({ ...row, details: parseDetails(row.details) })),
    nextBefore: rows.length > pageSize ? rows[pageSize - 1].id : null,
  };
}

function parseDetails(json: string): AuditDetails {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" ? (value as AuditDetails) : {};
  } catch {
    return {};
  }
}

/** A user was created (databaseHooks.user.create.after): by a first link, or by password sign-up. */
export async function auditUserCreated(user: { id: string }, ctx: GenericEndpointContext | null) {
  const via = ctx?.path === "/sign-up/email" ? "password" : signInMethodOf(ctx?.path);
  await recordAuditEvent(ctx, { type: "user.created", userId: user.id, details: via ? { via } : {} });
}

/** A credential account changed (databaseHooks.account.update.after): a reset link set a new password. */
export async function auditAccountUpdated(account: { userId: string }, ctx: GenericEndpointContext | null) {
  if (ctx?.path === "/reset-password") await recordAuditEvent(ctx, { type: "password.reset", userId: account.userId });
}
