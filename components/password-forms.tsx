"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "@/lib/input-limits";
import { goOnAfterSignIn, SubmitButton, useAuthForm } from "./auth-form";
import { linkClass } from "./styles";
import { Alert, Card, EmailField, FormField } from "./ui";

const values = (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
};

interface PasswordSignInFormProps {
  callbackURL: string;
  /** Where an address-confirmation link left off: it worked, or it could not be used. */
  confirmation?: "confirmed" | "failed";
}

export function PasswordSignInForm({ callbackURL, confirmation }: PasswordSignInFormProps) {
  const router = useRouter();
  const form = useAuthForm();
  async function signIn(event: FormEvent<HTMLFormElement>) {
    const { email, password } = values(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signIn.email({ email, password, fetchOptions }),
    );
    // Dynamic pages are never served from the router cache: the destination renders with the new session.
    if (result) goOnAfterSignIn(router, result.data, callbackURL);
  }
  return (
    <Card
      title="Sign in with a password"
      footer={
        <>
          <p>
            <Link className={linkClass} href="/forgot-password">
              Forgot your password?
            </Link>
          </p>
          <p>
            <Link className={linkClass} href={`/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`}>
              Email me a sign-in link instead
            </Link>
          </p>
        </>
      }
    >
      <form method="post" onSubmit={signIn} className="space-y-4">
        {confirmation === "confirmed" && !form.formError && (
          <Alert tone="info">Your email address is confirmed. Sign in with your password.</Alert>
        )}
        {confirmation === "failed" && !form.formError && (
          <Alert>
            This confirmation link has expired or can&apos;t be used. Sign in with your password and we&apos;ll send you
            a new one.
          </Alert>
        )}
        {form.formError}
        <EmailField error={form.fieldError("email")} />
        <FormField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          maxLength={INPUT_LIMITS.password.max}
          required
          error={form.fieldError("password")}
        />
        <SubmitButton form={form} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
    </Card>
  );
}

export function SignUpForm() {
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function signUp(event: FormEvent<HTMLFormElement>) {
    const { name, email, password } = values(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signUp.email({ name, email, password, fetchOptions }),
    );
    if (result) setSentTo(email);
  }
  if (sentTo) {
    return (
      <Card
        title="Check your email"
        footer={
          <Link className={linkClass} href="/sign-in/password">
            Go to password sign-in
          </Link>
        }
      >
        <p className="text-zinc-700 dark:text-zinc-300">
          We sent a message to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. Open the link in
          it to confirm your address, then sign in with your password.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Create an account"
      footer={
        <p>
          Already have an account?{" "}
          <Link className={linkClass} href="/sign-in">
            Sign in
          </Link>
        </p>
      }
    >
      <form method="post" onSubmit={signUp} className="space-y-4">
        {form.formError}
        <FormField
          label="Name"
          name="name"
          autoComplete="name"
          maxLength={INPUT_LIMITS.name}
          required
          error={form.fieldError("name")}
        />
        <EmailField error={form.fieldError("email")} />
        <FormField
          label={`Password (at least ${INPUT_LIMITS.password.min} characters)`}
          type="password"
          name="password"
          autoComplete="new-password"
          minLength={INPUT_LIMITS.password.min}
          maxLength={INPUT_LIMITS.password.max}
          required
          error={form.fieldError("password")}
        />
        <SubmitButton form={form} pendingLabel="Creating your account…">
          Create account
        </SubmitButton>
      </form>
    </Card>
  );
}

export function ForgotPasswordForm() {
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function requestReset(event: FormEvent<HTMLFormElement>) {
    const { email } = values(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.requestPasswordReset({ email, redirectTo: "/reset-password", fetchOptions }),
    );
    if (result) setSentTo(email);
  }
  if (sentTo) {
    return (
      <Card
        title="Check your email"
        footer={
          <Link className={linkClass} href="/sign-in">
            Back to sign in
          </Link>
        }
      >
        <p className="text-zinc-700 dark:text-zinc-300">
          If there is an account for <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>, we sent it
          a link to choose a new password. The link works for one hour.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Reset your password"
      footer={
        <Link className={linkClass} href="/sign-in">
          Sign in with a link instead
        </Link>
      }
    >
      <form method="post" onSubmit={requestReset} className="space-y-4">
        {form.formError}
        <EmailField error={form.fieldError("email")} />
        <SubmitButton form={form} pendingLabel="Sending…">
          Email me a reset link
        </SubmitButton>
      </form>
    </Card>
  );
}

/** A new password and its confirmation, named "password" and "confirmation". */
export function NewPasswordFields({ error, mismatch }: { error?: string; mismatch: boolean }) {
  return (
    <>
      <FormField
        label={`New password (at least ${INPUT_LIMITS.password.min} characters)`}
        type="password"
        name="password"
        autoComplete="new-password"
        minLength={INPUT_LIMITS.password.min}
        maxLength={INPUT_LIMITS.password.max}
        required
        error={error}
      />
      <FormField
        label="New password, again"
        type="password"
        name="confirmation"
        autoComplete="new-password"
        maxLength={INPUT_LIMITS.password.max}
        required
        error={mismatch ? "The two passwords are different." : undefined}
      />
    </>
  );
}

/** A reset link that expired, was used, or never existed: the way forward is a new one. */
export function InvalidResetLink() {
  return (
    <Card
      title="This reset link can't be used"
      footer={
        <Link className={linkClass} href="/forgot-password">
          Send a new reset link
        </Link>
      }
    >
      <Alert>This reset link has expired or was already used. Reset links work once, for one hour.</Alert>
    </Card>
  );
}

export function ResetPasswordForm({
  token,
  sessionCacheSeconds,
}: {
  token: string;
  /** How long a device already signed in may keep its cached session (SESSION_CACHE_SECONDS). */
  sessionCacheSeconds: number;
}) {
  const form = useAuthForm();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  // The token rides in this component, not the address bar (nor the history, where anyone could reuse it).
  useEffect(() => {
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  async function reset(event: FormEvent<HTMLFormElement>) {
    const { password, confirmation } = values(event);
    setMismatch(password !== confirmation);
    if (password !== confirmation) return;
    const result = await form.run((authClient, fetchOptions) =>
      authClient.resetPassword({ newPassword: password, token, fetchOptions }),
    );
    if (result) setDone(true);
  }
  if (form.failureCode === "INVALID_TOKEN") return <InvalidResetLink />;
  if (done) {
    return (
      <Card
        title="Password changed"
        footer={
          <Link className={linkClass} href="/sign-in/password">
            Sign in with your new password
          </Link>
        }
      >
        <p className="text-zinc-700 dark:text-zinc-300">
          Your password has been changed and every session has been ended.
          {sessionCacheSeconds > 0 &&
            ` A device that was signed in can keep its access for up to ${sessionCacheSeconds} seconds.`}
        </p>
      </Card>
    );
  }
  return (
    <Card title="Choose a new password">
      <form method="post" onSubmit={reset} className="space-y-4">
        {form.formError}
        <NewPasswordFields error={form.fieldError("password")} mismatch={mismatch} />
        <SubmitButton form={form} pendingLabel="Saving…">
          Change password
        </SubmitButton>
      </form>
    </Card>
  );
}
