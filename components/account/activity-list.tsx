import { Fragment } from "react";
import type { ActivityDetails, ActivityEventType } from "@/lib/activity";
import { clientLabel } from "@/lib/common/user-agent";

const METHODS: Record<string, string> = {
  link: "an email link",
  password: "a password",
  code: "an email code",
  passkey: "a passkey",
  totp: "an authenticator code",
  backup_code: "a backup code",
  // A provider's sign-in is named by its id; pages that know the OpenID Connect provider's name pass it.
  github: "GitHub",
  google: "Google",
  oidc: "single sign-on",
};

/** The names of the configured social providers by id ("oidc" → OIDC_PROVIDER_NAME), as their buttons say them. */
export type ProviderNames = Record<string, string>;

/** How a session signed in, in words: "an email link and an authenticator code" for "link+totp", "GitHub" for "github". */
export function signInMethodLabel(method: unknown, providerNames: ProviderNames = {}): string {
  const words = { ...METHODS, ...providerNames };
  const parts = String(method).split("+");
  return parts.every((part) => part in words) ? parts.map((part) => words[part]).join(" and ") : "an unknown method";
}

const REASONS: Record<string, string> = {
  invalid_token: "the link was expired, used or replaced",
  expired_token: "the link had expired",
  invalid_email_or_password: "wrong password",
  email_not_verified: "the address was not confirmed yet",
  invalid_otp: "wrong code",
  otp_expired: "the code had expired",
  too_many_attempts: "too many wrong codes",
  banned_user: "the account is suspended",
};

const TWO_FACTOR_REASONS: Record<string, string> = {
  invalid_code: "wrong authenticator code",
  invalid_backup_code: "wrong backup code",
  too_many_attempts_request_new_code: "too many wrong codes",
  account_temporarily_locked: "locked after too many wrong codes",
  invalid_two_factor_cookie: "the sign-in had expired",
};

/** An event in words a person reads: "Signed in with an email link". */
export function describeEvent(type: ActivityEventType | string, details: ActivityDetails, providerNames: ProviderNames): string {
  const method = signInMethodLabel(details.method, providerNames);
  const provider = signInMethodLabel(details.provider, providerNames);
  switch (type) {
    case "user.created":
      return "Account created";
    case "magic_link.sent":
      return details.via === "code" ? "Sign-in code sent" : "Sign-in link sent";
    case "session.created":
      return `Signed in with ${method}`;
    case "sign_in.failed":
      return `Sign-in failed: ${REASONS[String(details.reason)] ?? String(details.reason ?? "unknown reason")}`;
    case "session.revoked":
      return "A session was signed out from the account page";
    case "sign_out":
      return "Signed out";
    case "email.change_requested":
      return `Asked to change the sign-in email to ${String(details.to)}`;
    case "email.change_cancelled":
      return `Cancelled the change of sign-in email to ${String(details.to)}`;
    case "email.changed":
      return `Sign-in email changed to ${String(details.to)}`;
    case "password.set":
      return "Password added";
    case "password.changed":
      return details.otherDevicesSignedOut ? "Password changed, other devices signed out" : "Password changed";
    case "password.reset":
      return "Password reset with an email link";
    case "passkey.added":
      return details.name ? `Passkey added: ${String(details.name)}` : "Passkey added";
    case "passkey.removed":
      return "Passkey deleted";
    case "two_factor.enabled":
      return "Two-factor authentication turned on";
    case "two_factor.disabled":
      return "Two-factor authentication turned off";
    case "two_factor.failed":
      return `Second step failed: ${TWO_FACTOR_REASONS[String(details.reason)] ?? String(details.reason ?? "unknown reason")}`;
    case "backup_code.used":
      return "A backup code was used";
    case "account.linked":
      return `${provider} connected: it can sign you in`;
    case "account.unlinked":
      return `${provider} disconnected`;
    case "admin.user_suspended":
      return details.reason ? `Account suspended by an admin: ${String(details.reason)}` : "Account suspended by an admin";
    case "admin.user_unsuspended":
      return "Suspension lifted by an admin";
    case "admin.sessions_revoked":
      return details.sessions === "all" ? "Signed out everywhere by an admin" : "A session was signed out by an admin";
    case "admin.impersonation_started":
      return "An admin started viewing the account as you";
    case "admin.impersonation_stopped":
      return "An admin stopped viewing the account as you";
    case "admin.user_deleted":
      return "Account deleted by an admin";
    default:
      return type;
  }
}

/**
 * A client address that wraps at its colons when the line is too narrow (an IPv6 address on a phone), rather than
 * anywhere in a group; "::" stays whole.
 */
export function IpAddress({ address }: { address: string }) {
  return (
    <span data-testid="ip-address">
      {address.split(/(?<=:)(?!:)/).map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

/** When an event happened (UTC), from which browser and IP address. */
export function EventOrigin({ event }: { event: Pick<ActivityEvent, "createdAt" | "userAgent" | "ipAddress"> }) {
  return (
    <p className="text-zinc-700 dark:text-zinc-300">
      <time dateTime={event.createdAt.toISOString()}>
        {event.createdAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
      </time>
      {event.userAgent && ` · from ${clientLabel(event.userAgent)}`}
      {event.ipAddress && (
        <>
          , IP <IpAddress address={event.ipAddress} />
        </>
      )}
    </p>
  );
}

export interface ActivityEvent {
  id: number;
  type: string;
  createdAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  details: ActivityDetails;
}

/**
 * The account's activity log in words, each event with its time (UTC), browser and IP address. `describe` puts
 * another log's events in words (the organization's).
 */
export function ActivityList({
  events,
  providerNames = {},
  describe,
}: {
  events: ActivityEvent[];
  providerNames?: ProviderNames;
  describe?: (event: ActivityEvent) => string;
}) {
  if (events.length === 0) return <p className="text-zinc-700 dark:text-zinc-300">No activity yet.</p>;
  return (
    <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="activity">
      {events.map((event) => (
        <li key={event.id} className="py-3 text-sm" data-event={event.type}>
          <p className="font-medium">{describe ? describe(event) : describeEvent(event.type, event.details, providerNames)}</p>
          <EventOrigin event={event} />
        </li>
      ))}
    </ol>
  );
}
