"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth-client";
import { Alert, Button, Field, linkClass } from "./ui";
import { useHydrated } from "./use-hydrated";

type AuthResult = { error: { code?: string; message?: string } | null };

const messages: Record<string, string> = {
  EMAIL_NOT_VERIFIED: "Confirm your email address first: we have sent you a new confirmation link.",
};

/** Shared by both forms: one submission at a time, better-auth's message (or ours) on failure. */
function useSubmit() {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  async function submit(request: () => Promise<AuthResult>): Promise<boolean> {
    setPending(true);
    setError(undefined);
    const { error } = await request();
    setPending(false);
    if (error) setError((error.code && messages[error.code]) || error.message || "Something went wrong. Try again.");
    return !error;
  }
  return { error, pending, hydrated, submit };
}

export function PasswordSignInForm({ callbackURL, verified }: { callbackURL: string; verified: boolean }) {
  const router = useRouter();
  const { error, pending, hydrated, submit } = useSubmit();
  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const signedIn = await submit(() =>
      authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) }),
    );
    if (signedIn) {
      // Dynamic pages are never served from the router cache: the destination renders with the new session.
      router.push(callbackURL);
    }
  }
  return (
    <form method="post" onSubmit={signIn} className="space-y-4">
      {verified && !error && <Alert tone="info">Your email address is confirmed. Sign in with your password.</Alert>}
      {error && <Alert>{error}</Alert>}
      <Field label="Email" type="email" name="email" autoComplete="email" required />
      <Field label="Password" type="password" name="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        <Link className={linkClass} href={`/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`}>
          Email me a sign-in link instead
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ minPasswordLength }: { minPasswordLength: number }) {
  const { error, pending, hydrated, submit } = useSubmit();
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function signUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const created = await submit(() =>
      authClient.signUp.email({
        name: String(form.get("name")),
        email,
        password: String(form.get("password")),
      }),
    );
    if (created) setSentTo(email);
  }
  if (sentTo) {
    return (
      <section aria-labelledby="confirm-heading">
        <h2 id="confirm-heading" className="mb-2 text-lg font-semibold">
          Check your email
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          We sent a message to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. Open the link in
          it to confirm your address, then sign in with your password.
        </p>
      </section>
    );
  }
  return (
    <form method="post" onSubmit={signUp} className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <Field label="Name" name="name" autoComplete="name" required />
      <Field label="Email" type="email" name="email" autoComplete="email" required />
      <Field
        label={`Password (at least ${minPasswordLength} characters)`}
        type="password"
        name="password"
        autoComplete="new-password"
        minLength={minPasswordLength}
        required
      />
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
