import Link from "next/link";
import { APP_NAME } from "@/lib/config";
import { ThemeToggle } from "./theme";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white/70 dark:border-zinc-800 dark:bg-zinc-900/70">
      <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
        <Link href="/" className="font-semibold tracking-tight">
          {APP_NAME}
        </Link>
        <ThemeToggle />
      </div>
    </header>
  );
}
