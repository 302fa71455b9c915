"use client";

import type { ReactNode } from "react";

/** A message on a screen: an error (read out at once) or information (read out once the reader is free). */
export function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "info" }) {
  const colours =
    tone === "error"
      ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      : "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mb-4 rounded-md border px-3 py-2 text-sm ${colours}`}>
      {children}
    </div>
  );
}
