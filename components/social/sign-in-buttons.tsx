"use client";

import { useEffect, useState, type FormEvent } from "react";
import { useAuthForm } from "@/components/forms/use-auth-form";
import { Button } from "@/components/ui/button";
import type { SocialProvider, SocialProviderId } from "@/lib/social/providers";
import { ProviderMark } from "./marks";

/**
 * "Continue with GitHub / Google / <the OpenID Connect provider>", below the email form on /sign-in and /sign-up:
 * one button for each provider this deployment configures (lib/social/providers.ts), and nothing at all, divider
 * included, when there is none. A button starts better-auth's social sign-in (POST /sign-in/social), whose answer
 * sends the browser to the provider; the provider comes back to /api/auth/callback/<id>, which signs in and goes
 * on to callbackURL, or to /sign-in?error=… where the sign-in page says what went wrong.
 */
export function SocialSignIn({ providers, callbackURL }: { providers: SocialProvider[]; callbackURL: string }) {
  const form = useAuthForm();
  const [chosen, setChosen] = useState<SocialProviderId | null>(null);
  // The request succeeded and the browser is on its way to the provider: the button keeps its spinner until then.
  const [leaving, setLeaving] = useState(false);
  const busy = form.pending || leaving;

  useEffect(() => {
    // Back from the provider with the browser's Back button, the page may come from its cache as it was left.
    const ready = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    addEventListener("pageshow", ready);
    return () => removeEventListener("pageshow", ready);
  }, []);

  if (providers.length === 0) return null;

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    // The "Try again" of a network failure carries no provider: it retries the one chosen before.
    const provider = (submitter?.value as SocialProviderId | undefined) || chosen;
    if (!provider) return;
    setChosen(provider);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signIn.social({
        provider,
        callbackURL,
        // A failure at the provider or on the way back lands on the sign-in page, which shows it as a message.
        errorCallbackURL: `/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`,
        fetchOptions,
      }),
    );
    // better-auth's client sends the browser to the provider's page itself.
    if (result) setLeaving(true);
  }

  return (
    <div className="mt-6 space-y-4">
      <OrDivider />
      <form method="post" onSubmit={start} className="space-y-3">
        {form.formError}
        {providers.map(({ id, name }) => {
          const starting = busy && chosen === id;
          return (
            <Button
              key={id}
              type="submit"
              name="provider"
              value={id}
              variant="secondary"
              pending={starting}
              disabled={form.blocked || busy}
            >
              {!starting && <ProviderMark provider={id} />}
              Continue with {name}
            </Button>
          );
        })}
      </form>
    </div>
  );
}

/** The line between the email form and the other ways in. */
function OrDivider() {
  return (
    <div className="flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
      <span aria-hidden="true" className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      or
      <span aria-hidden="true" className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
