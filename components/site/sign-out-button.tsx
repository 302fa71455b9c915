"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callAuth } from "@/components/forms/call-auth";
import { Button } from "@/components/ui/button";
import { focusRing, linkClass } from "@/components/ui/styles";
import { useHydrated } from "@/components/ui/use-hydrated";

interface SignOutButtonProps {
  /** Where to go once signed out. */
  redirectTo?: string;
  label?: string;
  /** A full-width button (default), a small one for the header, or a link-like one for a card's footer. */
  appearance?: "button" | "header" | "link";
}

/** Ends this session, then goes to `redirectTo`; disabled until React runs, as it works only through it. */
export function SignOutButton({ redirectTo = "/sign-in", label = "Sign out", appearance = "button" }: SignOutButtonProps) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  async function signOut() {
    setPending(true);
    // Out of this app only: with an OpenID Connect provider connected, better-auth would also send the browser to
    // the provider's logout page, signing the person out of their company's single sign-on and never coming back.
    await callAuth((authClient, fetchOptions) => authClient.signOut({ disableRedirect: true, fetchOptions }));
    router.push(redirectTo);
    // The header and the page both change: render them again with no session.
    router.refresh();
    setPending(false);
  }
  if (appearance !== "button") {
    const look =
      appearance === "header"
        ? `shrink-0 rounded-md px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`
        : linkClass;
    return (
      <button type="button" onClick={signOut} disabled={!hydrated || pending} className={`disabled:opacity-70 ${look}`}>
        {label}
      </button>
    );
  }
  return (
    <Button type="button" variant="secondary" onClick={signOut} pending={pending} disabled={!hydrated}>
      {label}
    </Button>
  );
}
