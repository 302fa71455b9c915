/** Class lists shared by server and client components (a "use client" module cannot export plain values). */

export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100";

export const linkClass = `font-medium underline underline-offset-4 hover:text-zinc-600 dark:hover:text-zinc-300 ${focusRing}`;
