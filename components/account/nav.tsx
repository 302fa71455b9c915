"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "@/components/ui/styles";

const ACCOUNT_SECTIONS = [
  { href: "/account", label: "Profile" },
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/activity", label: "Activity" },
] as const;

/** The account area's sections, the current one marked for screen readers and by its look. */
export function AccountNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Account sections" className="mb-8 flex flex-wrap gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
      {ACCOUNT_SECTIONS.map(({ href, label }) => {
        const current = pathname === href;
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${
              current
                ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
            } ${focusRing}`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
