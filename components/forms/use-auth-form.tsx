"use client";

import { useEffect, useState, type FormEvent } from "react";
import { REQUEST_MESSAGES, TOO_MANY_EMAILS } from "@/lib/common/messages";
import { Alert } from "@/components/ui/alert";
import { linkClass } from "@/components/ui/styles";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callAuth, type AuthCall, type RequestFailure } from "./call-auth";

/** A submitted form's fields by name (the default submission is cancelled: the form's code sends it). */
export function formValues(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
}

/** A countdown in whole seconds: [seconds left, start(seconds)]. Drives "try again in N s" and "Send again in N s". */
export function useCountdown(): [number, (seconds: number) => void] {
  const [clock, setClock] = useState<{ until: number; now: number } | null>(null);
  useEffect(() => {
    if (!clock || clock.now >= clock.until) return;
    const timer = setTimeout(() => setClock({ ...clock, now: Date.now() }), 250);
    return () => clearTimeout(timer);
  }, [clock]);
  const left = clock ? Math.max(0, Math.ceil((clock.until - clock.now) / 1000)) : 0;
  const start = (seconds: number) => {
    const now = Date.now();
    setClock({ until: now + seconds * 1000, now });
  };
  return [left, start];
}

/**
 * The state every auth form shares: one submission at a time; a failure shown beside its field or above the
 * form, with a live countdown for 429 answers and a retry for network failures; the submit button disabled
 * before React runs (no native submission) and while a wait runs.
 */
export function useAuthForm(initialError?: string) {
  const hydrated = useHydrated();
  const [failure, setFailure] = useState<RequestFailure | undefined>(initialError ? { message: initialError } : undefined);
  const [pending, setPending] = useState(false);
  const [wait, startWait] = useCountdown();

  /**
   * Runs one call. `onAddressLimit`: for a form that can send to another address, the per-address limit (429
   * TOO_MANY_EMAILS) goes there, to hold back that address only; otherwise, like any 429, it holds the whole form.
   */
  async function run<T>(call: AuthCall<T>, { onAddressLimit }: { onAddressLimit?: (seconds: number) => void } = {}) {
    setPending(true);
    setFailure(undefined);
    const result = await callAuth(call);
    setPending(false);
    if ("failure" in result) {
      const { retryAfter, code } = result.failure;
      if (retryAfter && code === TOO_MANY_EMAILS && onAddressLimit) {
        onAddressLimit(retryAfter);
        return null;
      }
      setFailure(result.failure);
      if (retryAfter) startWait(retryAfter);
      return null;
    }
    return result;
  }

  const formError =
    failure && !failure.field ? (
      <Alert>
        {failure.retryAfter && wait > 0 ? REQUEST_MESSAGES.tryAgainIn(wait, failure.code) : failure.message}
        {failure.network && (
          <button type="submit" className={`ml-2 ${linkClass}`}>
            Try again
          </button>
        )}
      </Alert>
    ) : null;
  const fieldError = (field: RequestFailure["field"]) =>
    failure && failure.field === field ? failure.message : undefined;

  return {
    run,
    pending,
    wait,
    startWait,
    /** React runs: a button that only changes what the page shows would do nothing before then. */
    hydrated,
    blocked: !hydrated || wait > 0,
    formError,
    fieldError,
    failureCode: failure?.code,
    clearFailure: () => setFailure(undefined),
  };
}
