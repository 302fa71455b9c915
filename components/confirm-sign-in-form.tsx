"use client";

import { useEffect, useState } from "react";
import { Button } from "./ui";

/**
 * The Continue button of the confirmation page. The token rides in the form, not the address bar: it is
 * removed from there (and so from history and bookmarks) as soon as the page loads.
 */
export function ConfirmSignInForm({ fields }: { fields: Record<string, string> }) {
  const [pending, setPending] = useState(false);
  useEffect(() => {
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  return (
    <form method="post" action="/api/auth/magic-link/confirm" onSubmit={() => setPending(true)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Continue"}
      </Button>
    </form>
  );
}
