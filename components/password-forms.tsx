"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth-client";
import { Alert, Button, Field, linkClass } from "./ui";

/** Shared by both forms: submit once, show better-auth's message on failure, go on to callbackURL. */
function useSubmit(callbackURL: string) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(request: () => Promise<{ error: { message?: string } | null }>) {
    setPending(true);
    setError(undefined);
    const { error } = await request();
    if (error) {
      setPending(false);
      setError(error.message ?? "Something went wrong. Try again.");
      return;
    }
    router.push(callbackURL);
    router.refresh();
  }
  return { error, pending, submit };
}

export function PasswordSignInForm({ callbackURL }: { callbackURL: string }) {
  const { error, pending, submit } = useSubmit(callbackURL);
  function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(() =>
      authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) }),
    );
  }
  return (
    <form onSubmit={signIn} className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <Field label="Email" type="email" name="email" autoComplete="email" required />
      <Field label="Password" type="password" name="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending}>
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

export function SignUpForm({ callbackURL, minPasswordLength }: { callbackURL: string; minPasswordLength: number }) {
  const { error, pending, submit } = useSubmit(callbackURL);
  function signUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(() =>
      authClient.signUp.email({
        name: String(form.get("name")),
        email: String(form.get("email")),
        password: String(form.get("password")),
      }),
    );
  }
  return (
    <form onSubmit={signUp} className="space-y-4">
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
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
