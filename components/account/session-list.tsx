"use client";

import type { AccountSession } from "@/lib/account";
import { useRowActions } from "@/components/forms/use-row-actions";
import { Button } from "@/components/ui/button";
import { IpAddress, signInMethodLabel, type ProviderNames } from "./activity-list";

const when = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** A session in the list; `badge` marks one (the admin console's "Opened by an admin"). */
export type ListedSession = AccountSession & { badge?: string };

/**
 * Every active session, this device first; each other one can be signed out, or all of them at once. With
 * `ofUser`, the list is another account's in the admin console: signed out through the admin endpoints, and only
 * when `canRevoke` (a recent sign-in).
 */
export function SessionList({
  sessions,
  providerNames,
  ofUser,
  canRevoke = true,
}: {
  sessions: ListedSession[];
  providerNames: ProviderNames;
  ofUser?: string;
  canRevoke?: boolean;
}) {
  const rows = useRowActions();
  const revoke = rows.act;

  if (sessions.length === 0) return <p className="text-zinc-700 dark:text-zinc-300">No active sessions.</p>;
  const others = canRevoke ? sessions.filter((session) => !session.current) : [];
  return (
    <div>
      {rows.outcome}
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {sessions.map((session) => {
          const client = [session.browser ?? "Unknown browser", session.os].filter(Boolean).join(" on ");
          return (
            <li key={session.id} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between" data-testid="session">
              <div className="min-w-0 text-sm">
                <p className="font-medium">
                  {client}
                  {(session.current || session.badge) && (
                    <span className="ml-2 rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100">
                      {session.current ? "This device" : session.badge}
                    </span>
                  )}
                </p>
                <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 text-zinc-700 dark:text-zinc-300">
                  <dt>IP address</dt>
                  <dd>{session.ipAddress ? <IpAddress address={session.ipAddress} /> : "unknown"}</dd>
                  <dt>Signed in</dt>
                  <dd>
                    {when(session.signedInAt)}
                    {session.method && ` with ${signInMethodLabel(session.method, providerNames)}`}
                  </dd>
                  <dt>Last active</dt>
                  <dd>{when(session.lastActiveAt)}</dd>
                </dl>
              </div>
              {canRevoke && !session.current && (
                <div className="sm:w-32 sm:shrink-0">
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={rows.disabled}
                    pending={rows.isPending(session.id)}
                    aria-label={`Sign out ${client}, signed in ${when(session.signedInAt)}`}
                    onClick={() =>
                      revoke(
                        session.id,
                        (authClient, fetchOptions) =>
                          ofUser
                            ? authClient.$fetch("/admin/revoke-session", { method: "POST", body: { userId: ofUser, sessionId: session.id }, ...fetchOptions })
                            : authClient.$fetch("/account/revoke-session", { method: "POST", body: { id: session.id }, ...fetchOptions }),
                        `${client} is signed out.`,
                      )
                    }
                  >
                    Sign out
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 && (
        <div className="mt-4">
          <Button
            type="button"
            disabled={rows.disabled}
            pending={rows.isPending("others")}
            onClick={() =>
              revoke(
                "others",
                (authClient, fetchOptions) =>
                  ofUser ? authClient.admin.revokeUserSessions({ userId: ofUser, fetchOptions }) : authClient.revokeOtherSessions({ fetchOptions }),
                ofUser ? "Every session of this account is signed out." : "Every other device is signed out.",
              )
            }
          >
            {ofUser ? "Sign out everywhere" : "Sign out everywhere else"}
          </Button>
        </div>
      )}
    </div>
  );
}
