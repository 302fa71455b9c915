"use client";

import type { ReactNode } from "react";
import { Heading } from "./heading";
import { linkClass } from "./styles";

/**
 * A form's outcome shown in its place in an account section ("Check your email"): a sub-heading under the
 * section's title, which takes focus so screen readers hear it; `again` offers the form back, as the sign-in
 * page's "Try a different email" does.
 */
export function SentNotice({ title, children, again }: { title: string; children: ReactNode; again?: { label: string; onClick: () => void } }) {
  return (
    <>
      <div role="status">
        <Heading level={3}>{title}</Heading>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{children}</p>
      </div>
      {again && (
        <p className="mt-4 text-sm">
          <button type="button" className={linkClass} onClick={again.onClick}>
            {again.label}
          </button>
        </p>
      )}
    </>
  );
}
