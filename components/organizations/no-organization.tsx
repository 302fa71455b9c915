"use client";

import Link from "next/link";
import { useRowActions } from "@/components/forms/use-row-actions";
import { Button } from "@/components/ui/button";
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
              <Button
                type="button"
                variant="secondary"
                className="w-auto! shrink-0"
                disabled={rows.disabled}
                pending={rows.isPending(organization.id)}
                aria-label={`Open ${organization.name}`}
                onClick={() =>
                  rows.act(
                    organization.id,
                    (authClient, fetchOptions) => authClient.organization.setActive({ organizationId: organization.id, fetchOptions }),
                    `${organization.name} is open.`,
                  )
                }
              >
                Open
              </Button>
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
