"use client";

import { useSyncExternalStore } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { THEME_STORAGE_KEY } from "./theme-script";

export type ThemeChoice = "system" | "light" | "dark";

const CHANGE_EVENT = "themechange";

function subscribe(onChange: () => void) {
  addEventListener("storage", onChange);
  addEventListener(CHANGE_EVENT, onChange);
  return () => {
    removeEventListener("storage", onChange);
    removeEventListener(CHANGE_EVENT, onChange);
  };
}

const storedChoice = () => (localStorage.getItem(THEME_STORAGE_KEY) as ThemeChoice | null) ?? "system";

function choose(choice: ThemeChoice) {
  if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
  else localStorage.setItem(THEME_STORAGE_KEY, choice);
  const dark = choice === "dark" || (choice === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.themeChoice = choice;
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  dispatchEvent(new Event(CHANGE_EVENT));
}

const next: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };

/**
 * Which choice shows is decided by CSS from <html data-theme-choice> (set by the head script before the first
 * paint), so the server's HTML never shows "System theme" for a moment to someone who chose another.
 */
const faces: { choice: ThemeChoice; icon: string; label: string; shownWhen: string }[] = [
  {
    choice: "system",
    icon: "◐",
    label: "System theme",
    shownWhen: "inline in-data-[theme-choice=light]:hidden in-data-[theme-choice=dark]:hidden",
  },
  { choice: "light", icon: "☀", label: "Light theme", shownWhen: "hidden in-data-[theme-choice=light]:inline" },
  { choice: "dark", icon: "☾", label: "Dark theme", shownWhen: "hidden in-data-[theme-choice=dark]:inline" },
];

/** Cycles system → light → dark, and remembers the choice in this browser. */
export function ThemeToggle() {
  const current = useSyncExternalStore<ThemeChoice>(subscribe, storedChoice, () => "system");
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={!hydrated}
      onClick={() => choose(next[current])}
      className="shrink-0 rounded-md px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      {faces.map(({ choice, icon, label, shownWhen }) => (
        <span key={choice} className={shownWhen}>
          <span aria-hidden="true">{icon}</span> <span className="sr-only sm:not-sr-only">{label}</span>
          <span className="sr-only"> (change theme)</span>
        </span>
      ))}
    </button>
  );
}
