/**
 * Class lists shared by server and client components (a "use client" module cannot export plain values). The
 * app's UI primitives (this folder) are built on Tailwind; their colours meet WCAG 2.2 AA contrast in both themes.
 */

export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100";

export const linkClass = `font-medium underline underline-offset-4 hover:text-zinc-600 dark:hover:text-zinc-300 ${focusRing}`;

/** A button's look, for buttons and for links that act as one. */
export function buttonClass(variant: "primary" | "secondary" = "primary") {
  const colours =
    variant === "primary"
      ? "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
      : "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2.5 text-sm font-medium ${colours} ${focusRing}`;
}
