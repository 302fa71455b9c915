"use client";

import type { ComponentProps } from "react";
import { ROLE_LABELS, type OrganizationRole } from "@/lib/common/organizations";

/** A role picker, styled as the app's inputs. */
export function RoleSelect({ roles, className = "", ...props }: { roles: readonly OrganizationRole[] } & ComponentProps<"select">) {
  return (
    <select
      className={`mt-1 block w-full rounded-md border border-zinc-400 bg-white px-3 py-2 text-base shadow-sm focus:border-accent focus:ring-1 focus:ring-accent focus:outline-none dark:border-zinc-600 dark:bg-zinc-950 ${className}`}
      {...props}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
