"use client";

import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";
import { useHydrated } from "./use-hydrated";

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
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  dispatchEvent(new Event(CHANGE_EVENT));
}

const labels: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const next: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };

/** Cycles system → light → dark, and remembers the choice in this browser. */
export function ThemeToggle() {
  const current = useSyncExternalStore<ThemeChoice>(subscribe, storedChoice, () => "system");
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={!hydrated}
      onClick={() => choose(next[current])}
      className="rounded-md px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:focus-visible:outline-zinc-100"
      aria-label={`${labels[current]} (change theme)`}
    >
      <span aria-hidden="true">{current === "dark" ? "☾" : current === "light" ? "☀" : "◐"}</span>{" "}
      <span className="hidden sm:inline">{labels[current]}</span>
    </button>
  );
}
