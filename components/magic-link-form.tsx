"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth-client";
import { Alert, Button, Field, linkClass } from "./ui";
import { useHydrated } from "./use-hydrated";

interface MagicLinkFormProps {
  callbackURL: string;
  /** A message for a link that failed, from the ?error= the link came back with. */
  initialError?: string;
  expiresInMinutes: number;
}

export function MagicLinkForm({ callbackURL, initialError, expiresInMinutes }: MagicLinkFormProps) {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function sendLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const { error } = await authClient.signIn.magicLink({
      email,
      callbackURL,
      // A failed link comes back here, where the error becomes a message and the form is ready again.
      errorCallbackURL: `/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`,
    });
    setPending(false);
    if (error) {
      setError(error.message ?? "We couldn't send the email. Try again.");
      return;
    }
    setSentTo(email);
  }

  if (sentTo) {
    return (
      <section aria-labelledby="check-email-heading">
        <h2 id="check-email-heading" className="mb-2 text-lg font-semibold">
          Check your email
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          We sent a sign-in link to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. It works
          once and expires in {expiresInMinutes} minutes. Check your spam folder if you don&apos;t see it.
        </p>
        <button type="button" className={`text-sm ${linkClass}`} onClick={() => setSentTo(null)}>
          Try a different email
        </button>
      </section>
    );
  }

  return (
    <form method="post" onSubmit={sendLink} className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <Field
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        placeholder="you@example.com"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        <Link className={linkClass} href={`/sign-in/password?callbackURL=${encodeURIComponent(callbackURL)}`}>
          Use a password instead
        </Link>
      </p>
    </form>
  );
}
