"use client";

import type { ReactNode } from "react";
import { Heading } from "./heading";

/**
 * A screen's card. Its text wraps anywhere it must, so a long address or name never widens the page; `footer`
 * holds the screen's next steps (links, a secondary action), in the same place on every card.
 */
export function Card({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-12">
      <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm wrap-anywhere sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <Heading>{title}</Heading>
        {children}
        {footer && <div className="mt-6 space-y-2 text-center text-sm text-zinc-700 dark:text-zinc-300">{footer}</div>}
      </div>
    </main>
  );
}
