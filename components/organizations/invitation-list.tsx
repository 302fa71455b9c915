"use client";

import { useState } from "react";
import { roleLabel, type OrganizationRole } from "@/lib/common/organizations";
import { RowButton, useRowActions } from "@/components/forms/use-row-actions";

export interface InvitationRow {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

const when = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** Invitations waiting for an answer: each can be sent again (with a new expiry) or revoked. */
export function InvitationList({ organizationId, invitations }: { organizationId: string; invitations: InvitationRow[] }) {
  const rows = useRowActions();
  const [now] = useState(() => Date.now());

  if (invitations.length === 0) return <p className="text-sm text-zinc-700 dark:text-zinc-300">No invitations waiting.</p>;
  return (
    <div>
      {rows.outcome}
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="invitations">
        {invitations.map((invitation) => {
          const expired = new Date(invitation.expiresAt).getTime() < now;
          return (
            <li key={invitation.id} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between" data-testid="invitation">
              <div className="min-w-0 text-sm">
                <p className="font-medium wrap-anywhere">{invitation.email}</p>
                <p className="text-zinc-700 dark:text-zinc-300">
                  {roleLabel(invitation.role)} · {expired ? "expired" : "expires"} {when(invitation.expiresAt)}
                </p>
              </div>
              <div className="flex gap-2 sm:shrink-0">
                <RowButton
                  rows={rows}
                  target={`${invitation.id}:resend`}
                  label={`Send the invitation to ${invitation.email} again`}
                  call={(authClient, fetchOptions) =>
                    authClient.organization.inviteMember({
                      email: invitation.email,
                      role: invitation.role as OrganizationRole,
                      organizationId,
                      resend: true,
                      fetchOptions,
                    })
                  }
                  done={`The invitation to ${invitation.email} was sent again.`}
                >
                  Send again
                </RowButton>
                <RowButton
                  rows={rows}
                  target={`${invitation.id}:revoke`}
                  label={`Revoke the invitation to ${invitation.email}`}
                  call={(authClient, fetchOptions) => authClient.organization.cancelInvitation({ invitationId: invitation.id, fetchOptions })}
                  done={`The invitation to ${invitation.email} is revoked: its link no longer works.`}
                >
                  Revoke
                </RowButton>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
