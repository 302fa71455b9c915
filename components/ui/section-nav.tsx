"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "./styles";

/** An area's sections as tabs (the account, the organization), the current one marked for screen readers and by its look. */
export function SectionNav({ label, sections }: { label: string; sections: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-8 flex flex-wrap gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
      {sections.map(({ href, label: text }) => {
        const current = pathname === href;
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${
              current
                ? "bg-accent font-medium text-on-accent"
                : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
            } ${focusRing}`}
          >
            {text}
          </Link>
        );
      })}
    </nav>
  );
}
