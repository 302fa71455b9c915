"use client";

import type { ReactNode } from "react";
import { Heading } from "./heading";

/** A form's outcome shown in its place ("Check your email"): its heading takes focus, screen readers hear it. */
export function SentNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="status">
      <Heading level={2}>{title}</Heading>
      <p className="text-zinc-700 dark:text-zinc-300">{children}</p>
    </div>
  );
}
