"use client";

import { isOrganizationRole, ORGANIZATION_ROLES, roleLabel, type OrganizationRole } from "@/lib/common/organizations";
import { RowButton, useRowActions } from "@/components/forms/use-row-actions";
import { Button } from "@/components/ui/button";
import { RoleSelect } from "./role-select";

export interface MemberRow {
  id: string;
  email: string;
  name: string;
  role: string;
  joinedAt: string;
  self: boolean;
}

const day = (iso: string) => new Date(iso).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * The organization's members with their role and joined date. Owners and admins change roles and remove members
 * here; only owners touch owners (the server refuses the rest, and says why).
 */
export function MemberList({ organizationId, members, viewerRole }: { organizationId: string; members: MemberRow[]; viewerRole: string }) {
  const rows = useRowActions();
  const manages = viewerRole === "owner" || viewerRole === "admin";

  return (
    <div>
      {rows.outcome}
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="members">
        {members.map((member) => {
          // Owners are an owner's to change; nobody changes their own role here (owners hand over first).
          const editable = manages && !member.self && (viewerRole === "owner" || member.role !== "owner");
          const roles: readonly OrganizationRole[] = viewerRole === "owner" ? ORGANIZATION_ROLES : ["admin", "member"];
          return (
            <li key={member.id} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between" data-testid="member">
              <div className="min-w-0 text-sm">
                <p className="font-medium wrap-anywhere">
                  {member.email}
                  {member.self && (
                    <span className="ml-2 rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100">
                      You
                    </span>
                  )}
                </p>
                <p className="text-zinc-700 dark:text-zinc-300">
                  {member.name ? `${member.name} · ` : ""}
                  <span data-testid="member-role">{roleLabel(member.role)}</span> · joined {day(member.joinedAt)}
                </p>
              </div>
              {editable && (
                <form
                  className="flex gap-2 sm:w-80 sm:shrink-0"
                  aria-label={`Change ${member.email}`}
                  onSubmit={(event) => {
                    event.preventDefault();
                    const role = new FormData(event.currentTarget).get("role");
                    if (!isOrganizationRole(role) || role === member.role) return;
                    rows.act(
                      member.id,
                      (authClient, fetchOptions) =>
                        authClient.organization.updateMemberRole({ memberId: member.id, role, organizationId, fetchOptions }),
                      `${member.email} is now ${roleLabel(role).toLowerCase()}.`,
                    );
                  }}
                >
                  <label className="sr-only" htmlFor={`role-${member.id}`}>
                    Role of {member.email}
                  </label>
                  <RoleSelect id={`role-${member.id}`} name="role" roles={roles} defaultValue={member.role} className="mt-0 min-w-0 flex-1" />
                  <Button type="submit" variant="secondary" className="w-auto!" disabled={rows.disabled} pending={rows.isPending(member.id)}>
                    Save
                  </Button>
                  <RowButton
                    rows={rows}
                    target={`${member.id}:remove`}
                    label={`Remove ${member.email}`}
                    confirm={`Remove ${member.email} from the organization?`}
                    call={(authClient, fetchOptions) =>
                      authClient.organization.removeMember({ memberIdOrEmail: member.id, organizationId, fetchOptions })
                    }
                    done={`${member.email} is removed.`}
                  >
                    Remove
                  </RowButton>
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
