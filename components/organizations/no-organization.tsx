"use client";

import Link from "next/link";
import { RowButton, useRowActions } from "@/components/forms/use-row-actions";
import { buttonClass } from "@/components/ui/styles";
import type { OrganizationChoice } from "./switcher";

/** No active organization: open one of the person's organizations, create one, or wait for an invitation. */
export function NoActiveOrganization({ organizations }: { organizations: OrganizationChoice[] }) {
  const rows = useRowActions();
  return (
    <div className="space-y-4 text-sm">
      {rows.outcome}
      {organizations.length > 0 ? (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="organization-choices">
          {organizations.map((organization) => (
            <li key={organization.id} className="flex items-center justify-between gap-4 py-3">
              <span className="min-w-0 font-medium wrap-anywhere">{organization.name}</span>
              <RowButton
                rows={rows}
                target={organization.id}
                label={`Open ${organization.name}`}
                call={(authClient, fetchOptions) => authClient.organization.setActive({ organizationId: organization.id, fetchOptions })}
                done={`${organization.name} is open.`}
              >
                Open
              </RowButton>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-zinc-700 dark:text-zinc-300">
          You are not in an organization yet. Create one, or ask someone in one to invite you: the invitation comes by email.
        </p>
      )}
      <Link href="/organization/new" className={buttonClass()}>
        Create an organization
      </Link>
    </div>
  );
}
