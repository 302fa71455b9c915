import type { AuditDetails, AuditEventType } from "@/lib/audit";
import { clientLabel } from "@/lib/user-agent";

const METHODS: Record<string, string> = { link: "an email link", password: "a password", code: "an email code" };

const REASONS: Record<string, string> = {
  invalid_token: "the link was expired, used or replaced",
  expired_token: "the link had expired",
  invalid_email_or_password: "wrong password",
  email_not_verified: "the address was not confirmed yet",
  invalid_otp: "wrong code",
  otp_expired: "the code had expired",
  too_many_attempts: "too many wrong codes",
};

/** An event in words a person reads: "Signed in with an email link". */
function describeEvent(type: AuditEventType | string, details: AuditDetails): string {
  const method = METHODS[String(details.method)] ?? "an unknown method";
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
    case "email.changed":
      return `Sign-in email changed to ${String(details.to)}`;
    case "password.set":
      return "Password added";
    case "password.changed":
      return details.otherDevicesSignedOut ? "Password changed, other devices signed out" : "Password changed";
    case "password.reset":
      return "Password reset with an email link";
    default:
      return type;
  }
}

export interface ActivityEvent {
  id: number;
  type: string;
  createdAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  details: AuditDetails;
}

export function ActivityList({ events }: { events: ActivityEvent[] }) {
  if (events.length === 0) return <p className="text-zinc-700 dark:text-zinc-300">No activity yet.</p>;
  return (
    <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="activity">
      {events.map((event) => (
        <li key={event.id} className="py-3 text-sm" data-event={event.type}>
          <p className="font-medium">{describeEvent(event.type, event.details)}</p>
          <p className="text-zinc-700 dark:text-zinc-300">
            <time dateTime={event.createdAt.toISOString()}>
              {event.createdAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
            </time>
            {event.userAgent && ` · from ${clientLabel(event.userAgent)}`}
            {event.ipAddress && `, IP ${event.ipAddress}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
