"use client";

import { useEffect, useState } from "react";
import { Button } from "./ui";
import { useHydrated } from "./use-hydrated";

/**
 * The Continue button of the confirmation page: a plain form POST, so it works before (and without) React. The
 * token rides in the form, not the address bar: it is removed from there (and so from history) on load.
 */
export function ConfirmSignInForm({ fields }: { fields: Record<string, string> }) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  useEffect(() => {
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  return (
    <form method="post" action="/api/auth/magic-link/confirm" onSubmit={() => setPending(true)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" pending={pending && hydrated}>
        {pending ? "Signing in…" : "Continue"}
      </Button>
    </form>
  );
}
