"use client";

import type { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { linkClass } from "./styles";
import { Alert, Button } from "./ui";
import { useHydrated } from "./use-hydrated";

/** What a failed auth request means for the person at the form. */
interface RequestFailure {
  message: string;
  /** The server's error code, for forms that answer one with a whole screen (an unusable reset link). */
  code?: string;
  /** The field the problem is about, to show the message beside it. */
  field?: "name" | "email" | "password" | "code" | "currentPassword";
  /** Seconds until a rate-limited request may be sent again. */
  retryAfter?: number;
  /** The request never reached the server: offer to try again. */
  network?: boolean;
}

type AuthClient = typeof import("@/lib/auth-client").authClient;

type AuthCall<T> = (
  client: AuthClient,
  fetchOptions: { onError: (context: { response: Response }) => void },
) => Promise<{
  data: T | null;
  error: { code?: string; message?: string; status?: number } | null;
}>;

const fieldOf: Record<string, RequestFailure["field"]> = {
  INVALID_EMAIL: "email",
  NEW_EMAIL_TOO_LONG: "email",
  EMAIL_IS_THE_SAME: "email",
  NAME_TOO_LONG: "name",
  INVALID_NAME: "name",
  INVALID_PASSWORD: "currentPassword",
  CURRENT_PASSWORD_TOO_LONG: "currentPassword",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  NEW_PASSWORD_TOO_LONG: "password",
  INVALID_CODE: "code",
  INVALID_BACKUP_CODE: "code",
  INVALID_OTP: "code",
  OTP_EXPIRED: "code",
  TOO_MANY_ATTEMPTS: "code",
};

const messageFor: Record<string, string> = {
  EMAIL_NOT_VERIFIED: "Confirm your email address first: we have sent you a new confirmation link.",
  INVALID_CODE: "That code is not right. Check your authenticator app and try again.",
  INVALID_BACKUP_CODE: "That backup code is not right, or it was used already.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes. Sign in again to try more.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in has expired or was finished already. Sign in again.",
  AUTH_CANCELLED: "The passkey sign-in was cancelled.",
  // What browsers report when the person dismisses the passkey prompt or it times out.
  ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY: "The passkey request was cancelled or timed out. Try again, or sign in with your email.",
  ERROR_CEREMONY_ABORTED: "The passkey request was cancelled.",
  REGISTRATION_CANCELLED: "Adding the passkey was cancelled.",
  PASSKEY_NOT_FOUND: "This passkey isn't registered here any more. Sign in with your email instead.",
  AUTHENTICATION_FAILED: "The passkey could not be verified. Try again, or sign in with your email.",
  CHALLENGE_NOT_FOUND: "The passkey request expired. Try again.",
  PREVIOUSLY_REGISTERED: "This passkey is already on your account.",
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "This passkey is already on your account.",
};

/** A submitted form's fields by name (the default submission is cancelled: the form's code sends it). */
export function formValues(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
}

/**
 * Goes on after a sign-in: to the callbackURL, with the header (in the root layout) rendered again signed in;
 * or first to the second-factor page when the account has two-factor on (the first factor then answers
 * { twoFactorRedirect: true } and no session exists yet).
 */
export function goOnAfterSignIn(router: ReturnType<typeof useRouter>, data: unknown, callbackURL: string) {
  if ((data as { twoFactorRedirect?: boolean } | null)?.twoFactorRedirect === true) {
    router.push(`/sign-in/two-factor?${new URLSearchParams({ callbackURL })}`);
    return;
  }
  router.push(callbackURL);
  router.refresh();
}

/**
 * Runs one authClient call and turns any failure into a RequestFailure. The client is loaded on first use,
 * not with the page: it is not needed to show a form, and it is a sizeable part of the page's JavaScript.
 */
export async function callAuth<T>(call: AuthCall<T>): Promise<{ data: T } | { failure: RequestFailure }> {
  let retryAfter: number | undefined;
  try {
    const { authClient } = await import("@/lib/auth-client");
    const { data, error } = await call(authClient, {
      onError: ({ response }) => {
        const seconds = Number(response.headers.get("Retry-After"));
        if (seconds > 0) retryAfter = Math.ceil(seconds);
      },
    });
    if (!error) return { data: data as T };
    if (error.status === 429) {
      const wait = retryAfter ?? 60;
      return { failure: { message: `Too many requests, try again in ${wait} s.`, retryAfter: wait } };
    }
    const code = error.code ?? "";
    return {
      failure: {
        message: messageFor[code] ?? error.message ?? "Something went wrong. Try again.",
        code,
        field: fieldOf[code],
      },
    };
  } catch {
    return {
      failure: { message: "We couldn't reach the server. Check your connection and try again.", network: true },
    };
  }
}

/** A countdown in whole seconds: [seconds left, start(seconds)]. Drives "try again in N s" and "Send again in N s". */
function useCountdown(): [number, (seconds: number) => void] {
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

  async function run<T>(call: AuthCall<T>) {
    setPending(true);
    setFailure(undefined);
    const result = await callAuth(call);
    setPending(false);
    if ("failure" in result) {
      setFailure(result.failure);
      if (result.failure.retryAfter) startWait(result.failure.retryAfter);
      return null;
    }
    return result;
  }

  const formError =
    failure && !failure.field ? (
      <Alert>
        {failure.retryAfter && wait > 0 ? `Too many requests, try again in ${wait} s.` : failure.message}
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

/** A form's submit button: shows progress while the request runs, and waits for hydration and any countdown. */
export function SubmitButton({
  form,
  pendingLabel,
  variant,
  children,
}: {
  form: ReturnType<typeof useAuthForm>;
  pendingLabel?: string;
  variant?: "primary" | "secondary";
  children: string;
}) {
  return (
    <Button type="submit" variant={variant} pending={form.pending} disabled={form.blocked}>
      {form.pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
