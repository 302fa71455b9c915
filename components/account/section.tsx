import type { ReactNode } from "react";

/** One titled block of an account page. Long addresses and names wrap inside it. */
export function AccountSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="mt-6 rounded-xl border border-zinc-200 bg-white p-6 wrap-anywhere dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={`${id}-heading`} className="mb-4 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
