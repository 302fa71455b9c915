/**
 * Class lists shared by server and client components (a "use client" module cannot export plain values). The
 * app's UI primitives (this folder) are built on Tailwind; their colours meet WCAG 2.2 AA contrast in both themes.
 * `accent` is the brand's colour (lib/common/brand.ts, mapped per theme in app/globals.css), `on-accent` the text
 * written on it.
 */

export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";

/** The text keeps the page's colour (always readable); the underline carries the accent, thicker on hover. */
export const linkClass = `font-medium underline decoration-accent decoration-2 underline-offset-4 hover:decoration-4 ${focusRing}`;

/** A button's look, for buttons and for links that act as one. */
export function buttonClass(variant: "primary" | "secondary" = "primary") {
  const colours =
    variant === "primary"
      ? "bg-accent text-on-accent hover:bg-accent/85"
      : "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2.5 text-sm font-medium ${colours} ${focusRing}`;
}
