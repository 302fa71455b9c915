"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { callAuth } from "@/components/forms/call-auth";
import { focusRing } from "@/components/ui/styles";

export interface OrganizationChoice {
  id: string;
  name: string;
}

const itemClass = `block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`;

/**
 * The header's organization menu: the active organization, a button for each other one (the choice is kept on
 * the session), and the ways to the organization's page and to a new one.
 */
export function OrganizationSwitcher({ organizations, activeId }: { organizations: OrganizationChoice[]; activeId: string | null }) {
  const router = useRouter();
  const [failed, setFailed] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const active = organizations.find((organization) => organization.id === activeId);

  async function switchTo(organizationId: string) {
    setFailed(null);
    const result = await callAuth((authClient, fetchOptions) => authClient.organization.setActive({ organizationId, fetchOptions }));
    if ("failure" in result) {
      setFailed(result.failure.message);
      return;
    }
    if (menu.current) menu.current.open = false;
    router.push("/organization");
    router.refresh();
  }

  return (
    <details
      ref={menu}
      className="relative min-w-0"
      data-testid="organization-switcher"
      // A link chosen in the menu closes it (the header stays on the page across navigations).
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a") && menu.current) menu.current.open = false;
      }}
    >
      <summary
        className={`flex max-w-40 cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}
      >
        <span className="sr-only">Organization: </span>
        <span className="truncate">{active?.name ?? "Organizations"}</span>
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-zinc-200 bg-white p-1 shadow-lg wrap-anywhere dark:border-zinc-700 dark:bg-zinc-900">
        {failed && (
          <p role="alert" className="px-3 py-2 text-sm text-red-700 dark:text-red-400">
            {failed}
          </p>
        )}
        <ul>
          {organizations.map((organization) => (
            <li key={organization.id}>
              {organization.id === activeId ? (
                <Link href="/organization" aria-current="true" className={`${itemClass} font-medium`}>
                  {organization.name} <span className="text-zinc-600 dark:text-zinc-400">(active)</span>
                </Link>
              ) : (
                <button type="button" className={itemClass} onClick={() => switchTo(organization.id)}>
                  Switch to {organization.name}
                </button>
              )}
            </li>
          ))}
        </ul>
        <Link href="/organization/new" className={`${itemClass} border-t border-zinc-200 dark:border-zinc-700`}>
          New organization
        </Link>
      </div>
    </details>
  );
}
