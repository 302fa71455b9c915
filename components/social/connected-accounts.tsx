"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { callAuth, type AuthCall } from "@/components/forms/call-auth";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { SocialProvider } from "@/lib/social/providers";
import { ProviderMark } from "./marks";

/** One provider account linked to the user, as the security page reads it (better-auth's /list-accounts). */
export interface LinkedAccount {
  /** better-auth's id of the link, what /unlink-account takes. */
  id: string;
  providerId: string;
  linkedAt: string;
}

const CALLBACK = "/account/security";
const day = (iso: string) => new Date(iso).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * "Connected accounts": each configured provider, connected (with Disconnect) or not (with Connect). Connecting
 * goes through the provider (better-auth's /link-social) and back here; both need a fresh sign-in, like every
 * change to how someone gets in. The email address always stays a way in, so disconnecting is safe: the page says so.
 */
export function ConnectedAccounts({
  providers,
  accounts,
  fresh,
  initialError,
  justConnected,
  email,
  maskedEmail,
}: {
  providers: SocialProvider[];
  accounts: LinkedAccount[];
  /** A recent sign-in: connecting and disconnecting need one (the page's first section offers it). */
  fresh: boolean;
  /** Why the last connection failed, from the ?error= the provider's return came back with. */
  initialError?: string;
  /** The provider just connected (its name), back from the provider's page with ?connected=<id>. */
  justConnected?: string;
  email: string;
  maskedEmail: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  // The provider (or link) being connected or disconnected.
  const [pending, setPending] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" } | null>(
    initialError
      ? { text: initialError, tone: "error" }
      : justConnected
        ? { text: `${justConnected} is connected. You can sign in with it next time.`, tone: "info" }
        : null,
  );
  const [stale, setStale] = useState(false);

  useEffect(() => {
    // Back from the provider with the browser's Back button, the page may come from its cache as it was left.
    const ready = (event: PageTransitionEvent) => {
      if (event.persisted) {
        setLeaving(false);
        setPending(null);
      }
    };
    addEventListener("pageshow", ready);
    return () => removeEventListener("pageshow", ready);
  }, []);

  async function act(target: string, call: AuthCall<unknown>, done?: string) {
    setPending(target);
    setMessage(null);
    const result = await callAuth(call);
    if ("failure" in result) {
      setPending(null);
      if (result.failure.code === "SESSION_NOT_FRESH") setStale(true);
      else setMessage({ text: result.failure.message, tone: "error" });
      return;
    }
    if (!done) {
      // better-auth's client is sending the browser to the provider: the spinner stays until it leaves.
      setLeaving(true);
      return;
    }
    setPending(null);
    setMessage({ text: done, tone: "info" });
    router.refresh();
  }

  if (stale) return <FreshSignIn email={email} maskedEmail={maskedEmail} callbackURL={CALLBACK} />;

  const rows = providers.flatMap((provider): { provider: SocialProvider; account: LinkedAccount | null }[] => {
    const linked = accounts.filter((account) => account.providerId === provider.id);
    return linked.length > 0 ? linked.map((account) => ({ provider, account })) : [{ provider, account: null }];
  });
  const busy = pending !== null || leaving;

  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Sign in with one of these instead of an emailed link. Your email address always stays a way in, so
        disconnecting one is always safe.
      </p>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="connected-accounts">
        {rows.map(({ provider, account }) => (
          <li
            key={account?.id ?? provider.id}
            className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between"
            data-testid="connected-account"
          >
            <div className="flex min-w-0 items-center gap-3 text-sm">
              <ProviderMark provider={provider.id} />
              <div className="min-w-0">
                <p className="font-medium">{provider.name}</p>
                <p className="text-zinc-700 dark:text-zinc-300">
                  {account ? `Connected ${day(account.linkedAt)}` : "Not connected"}
                </p>
              </div>
            </div>
            {fresh && (
              <div className="sm:w-36 sm:shrink-0">
                {account ? (
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={!hydrated || busy}
                    pending={pending === account.id}
                    aria-label={`Disconnect ${provider.name}`}
                    onClick={() =>
                      act(
                        account.id,
                        (authClient, fetchOptions) => authClient.unlinkAccount({ accountId: account.id, fetchOptions }),
                        `${provider.name} is disconnected. It no longer signs you in.`,
                      )
                    }
                  >
                    Disconnect
                  </Button>
                ) : (
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={!hydrated || busy}
                    pending={pending === provider.id}
                    aria-label={`Connect ${provider.name}`}
                    onClick={() =>
                      act(provider.id, (authClient, fetchOptions) =>
                        authClient.linkSocial({
                          provider: provider.id,
                          callbackURL: `${CALLBACK}?connected=${provider.id}`,
                          // A refusal (the provider account is someone else's, the provider did not vouch for the
                          // address) comes back here with ?error=, which this section shows.
                          errorCallbackURL: CALLBACK,
                          fetchOptions,
                        }),
                      )
                    }
                  >
                    Connect
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {!fresh && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          To connect or disconnect one, confirm it&apos;s you with the sign-in link above.
        </p>
      )}
    </div>
  );
}
