import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { getIP } from "better-auth/api";
import { maskEmail, normalizeEmail } from "@/lib/common/email-address";
import { shortIpAddress } from "@/lib/common/ip-address";
import { db } from "@/lib/platform/db";
import { getEnv } from "@/lib/platform/env";
import { describeError, logger } from "@/lib/platform/log";

/**
 * The activity log: one row per event in the audit_event table, written only from here. Writing an event never
 * fails or holds up the request it describes: a failed write is logged and the request goes on. No event holds a
 * token, code, password or session id. An address in an event (an email change's `to`) is kept whole in its row,
 * which only the account's owner reads (Recent activity) and which goes with the account; everywhere else it goes
 * masked. Each event is also a line in the server log (`event`: its type). Which event fires when:
 * lib/activity/events.ts and the features' own hooks.
 */

/**
 * Every event the log records (docs/account-area.md lists when each happens), as a list: the admin console offers
 * each as a filter.
 */
export const ACTIVITY_EVENT_TYPES = [
  "user.created",
  "magic_link.sent",
  "session.created",
  "sign_in.failed",
  "session.revoked",
  "sign_out",
  "email.change_requested",
  "email.change_cancelled",
  "email.changed",
  "password.set",
  "password.changed",
  "password.reset",
  "account.deleted",
  "passkey.added",
  "passkey.removed",
  "two_factor.enabled",
  "two_factor.disabled",
  "two_factor.failed",
  "backup_code.used",
  "account.linked",
  "account.unlinked",
  // Organizations (lib/organizations/): the actor is the event's user; organizationId names the organization.
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "member.invited",
  "invitation.revoked",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  // The admin console (lib/admin/): recorded on the account acted on, the admin's id in details.admin.
  "admin.user_suspended",
  "admin.user_unsuspended",
  "admin.sessions_revoked",
  "admin.impersonation_started",
  "admin.impersonation_stopped",
  "admin.user_deleted",
] as const;

export type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];

export type ActivityDetails = Record<string, string | number | boolean>;

export interface ActivityEvent {
  type: ActivityEventType;
  userId: string | null;
  createdAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  details: ActivityDetails;
  /** The organization an organization event is about (null for an account's own events). */
  organizationId: string | null;
}

export type NewActivityEvent = {
  type: ActivityEventType;
  userId?: string | null;
  details?: ActivityDetails;
  organizationId?: string | null;
};

/**
 * Sends each event somewhere besides the database (a SIEM, a log pipeline, a webhook), its addresses masked. Replace
 * this function with your own; it runs after the event is stored, and a failure here is logged, never passed on.
 */
async function forwardActivityEvent(event: ActivityEvent): Promise<void> {
  void event;
}

const USER_AGENT_MAX_LENGTH = 512;

/** What better-auth passes hooks and endpoints: the request's headers and the auth options (for its IP rule). */
type RequestSource = Pick<GenericEndpointContext, "headers" | "request"> & {
  context: Pick<GenericEndpointContext["context"], "options">;
};

/** An event's details as they leave the database (the server log, the forwarder): every address masked. */
const withAddressesMasked = (details: ActivityDetails): ActivityDetails =>
  Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key, typeof value === "string" && normalizeEmail(value) ? maskEmail(value) : value]),
  );

/**
 * The client's address as it was seen, in its short form ("::1", "2001:db8::1"), for the account area's sessions
 * and events: by the same trusted-header rule as the rate limiter (advanced.ipAddress in lib/auth/index.ts), but
 * without its grouping of IPv6 addresses by /64, which suits counting clients, not telling one where it was.
 */
export function clientAddress(source: RequestSource | null | undefined): string | null {
  const headers = source?.request?.headers ?? source?.headers;
  if (!headers || !source) return null;
  const { options } = source.context;
  const exact = { ...options, advanced: { ...options.advanced, ipAddress: { ...options.advanced?.ipAddress, ipv6Subnet: 128 } } };
  const address = getIP(new Headers(headers), exact);
  return address === null ? null : shortIpAddress(address);
}

/** Stores one event (and forwards it). Never throws. */
export async function recordActivity(
  source: RequestSource | null | undefined,
  { type, userId = null, details = {}, organizationId = null }: NewActivityEvent,
) {
  const rawHeaders = source?.request?.headers ?? source?.headers;
  const headers = rawHeaders ? new Headers(rawHeaders) : undefined;
  const event: ActivityEvent = {
    type,
    userId,
    createdAt: new Date(),
    ipAddress: clientAddress(source),
    userAgent: headers?.get("user-agent")?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
    details,
    organizationId,
  };
  try {
    await db.activityEvent.create({ data: { ...event, details: JSON.stringify(details) } });
  } catch (error) {
    logger.error({ event: type }, `Could not record the activity event ${type}: ${describeError(error)}`);
    return;
  }
  const shared = { ...event, details: withAddressesMasked(details) };
  // The log line's wording is what log pipelines already match on: it stays "Security event".
  logger.info({ event: type, userId, details: shared.details }, `Security event ${type}`);
  pruneOldEvents();
  forwardActivityEvent(shared).catch((error) =>
    logger.error({ event: type }, `Could not forward the activity event ${type}: ${describeError(error)}`),
  );
}

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
let lastPrune = 0;

/** Deletes events older than AUDIT_LOG_RETENTION_DAYS, at most once an hour per process, off the request's path. */
function pruneOldEvents() {
  const now = Date.now();
  if (now - lastPrune < PRUNE_INTERVAL_MS) return;
  lastPrune = now;
  const cutoff = new Date(now - getEnv().AUDIT_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  db.activityEvent
    .deleteMany({ where: { createdAt: { lt: cutoff } } })
    .catch((error) => logger.error(`Could not prune old activity events: ${describeError(error)}`));
}

