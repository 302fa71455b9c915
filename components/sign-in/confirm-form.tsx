"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The button of a page an emailed link leads to: a plain form POST, so it works before (and without) React. The
 * token rides in the form, not the address bar: it is removed from there (and so from history) on load.
 */
export function ConfirmSignInForm({
  fields,
  action = "/api/auth/magic-link/confirm",
  label = "Continue",
  pendingLabel = "Signing in…",
}: {
  fields: Record<string, string>;
  action?: string;
  label?: string;
  pendingLabel?: string;
}) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  useEffect(() => {
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  return (
    <form method="post" action={action} onSubmit={() => setPending(true)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" pending={pending && hydrated}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}
