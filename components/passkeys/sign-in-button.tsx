"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { callAuth } from "@/components/forms/call-auth";
import { goOnAfterSignIn } from "@/components/forms/go-on-after-sign-in";
import { useAuthForm } from "@/components/forms/use-auth-form";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * "Sign in with a passkey", under the email form. Where the browser supports it, saved passkeys are also
 * offered in the email field's autofill (conditional mediation): picking one signs in without a click here.
 * A passkey sign-in is complete by itself; it never asks for a second factor.
 */
export function PasskeySignIn({ callbackURL }: { callbackURL: string }) {
  const router = useRouter();
  const form = useAuthForm();
  // Known only in the browser: the button appears once the page is interactive, where WebAuthn exists.
  const supported = useHydrated() && typeof window.PublicKeyCredential === "function";

  useEffect(() => {
    if (typeof window.PublicKeyCredential !== "function") return;
    let active = true;
    (async () => {
      if (!(await PublicKeyCredential.isConditionalMediationAvailable?.())) return;
      // Waits until the person picks a passkey from autofill; a click on the button below cancels it.
      const result = await callAuth((authClient) => authClient.signIn.passkey({ autoFill: true }));
      if (active && "data" in result) goOnAfterSignIn(router, result.data, callbackURL);
    })();
    return () => {
      active = false;
    };
  }, [callbackURL, router]);

  if (!supported) return null;
  return (
    <div className="mt-4 space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      {form.formError}
      <Button
        type="button"
        variant="secondary"
        pending={form.pending}
        disabled={form.blocked}
        onClick={async () => {
          const result = await form.run((authClient, fetchOptions) => authClient.signIn.passkey({ fetchOptions }));
          if (result) goOnAfterSignIn(router, result.data, callbackURL);
        }}
      >
        Sign in with a passkey
      </Button>
    </div>
  );
}
