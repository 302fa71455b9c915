"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ConfirmByTyping } from "@/components/forms/confirm-by-typing";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { FormField } from "@/components/ui/form-field";

/**
 * The actions on one account in the admin console, each through an admin endpoint whose rules (lib/admin/) decide:
 * suspend and lift, sign in as the user, delete. Sessions are signed out from the session list.
 */

const hint = "text-sm text-zinc-700 dark:text-zinc-300";

/**
 * Seconds from now until 00:00 UTC of a yyyy-mm-dd day, or null for an empty field. Rounded up: the server adds them
 * to its own (later) clock, so the end lands just after midnight, never on the day before.
 */
function secondsUntil(day: string) {
  if (!day) return null;
  return Math.ceil((Date.parse(`${day}T00:00:00Z`) - Date.now()) / 1000);
}

/** Suspend: every session ends at once, and every way in is refused until it is lifted or its end day comes. */
export function SuspendForm({ userId, email }: { userId: string; email: string }) {
  const router = useRouter();
  const form = useAuthForm();
  const [dayError, setDayError] = useState<string>();
  async function suspend(event: FormEvent<HTMLFormElement>) {
    const { reason, until } = formValues(event);
    const seconds = secondsUntil(until);
    if (seconds !== null && !(seconds > 0)) {
      setDayError("Choose a day after today, or leave it empty to suspend until lifted.");
      return;
    }
    setDayError(undefined);
    if (!window.confirm(`Suspend ${email}? Every session of theirs ends now.`)) return;
    const result = await form.run((authClient, fetchOptions) =>
      authClient.admin.banUser({
        userId,
        banReason: reason.trim() || undefined,
        banExpiresIn: seconds ?? undefined,
        fetchOptions,
      }),
    );
    if (result) router.refresh();
  }
  return (
    <form method="post" onSubmit={suspend} className="space-y-4" data-testid="suspend-form">
      <p className={hint}>
        Suspending signs the account out everywhere at once. Until it is lifted, every way in is refused with a message
        that gives the support address; no sign-in email is sent.
      </p>
      {form.formError}
      <FormField label="Reason (kept with the suspension and shown in the account's activity)" name="reason" maxLength={200} autoComplete="off" />
      <FormField
        label="Ends on (optional, at 00:00 UTC; empty: until lifted)"
        name="until"
        type="date"
        error={dayError}
      />
      <SubmitButton form={form} pendingLabel="Suspending…">
        Suspend account
      </SubmitButton>
    </form>
  );
}

/** Lift a suspension: the account can sign in again at once. */
export function LiftSuspension({ userId }: { userId: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function lift(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.admin.unbanUser({ userId, fetchOptions }));
    if (result) router.refresh();
  }
  return (
    <form method="post" onSubmit={lift} className="space-y-4">
      {form.formError}
      <SubmitButton form={form} variant="secondary" pendingLabel="Lifting…">
        Lift suspension
      </SubmitButton>
    </form>
  );
}

/**
 * Sign in as the user, to see what they see: at most an hour, recorded on their account, with a banner on every page
 * and no way to change how the account signs in. The admin's own session comes back with Stop.
 */
export function Impersonate({ userId, email }: { userId: string; email: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!window.confirm(`Sign in as ${email}? It is recorded in their activity.`)) return;
    const result = await form.run((authClient, fetchOptions) => authClient.admin.impersonateUser({ userId, fetchOptions }));
    // Every part of the next page (the header, the banner) reads the new session.
    if (result) {
      router.push("/dashboard");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={start} className="space-y-4">
      <p className={hint}>
        See the app as this account does, for at most an hour. It is recorded in their activity, a banner stays on every
        page, and nothing that changes how they sign in can be done.
      </p>
      {form.formError}
      <SubmitButton form={form} variant="secondary" pendingLabel="Signing in…">
        Sign in as this user
      </SubmitButton>
    </form>
  );
}

/** Delete the account, as its owner deleting it would: confirmed by typing its address. */
export function DeleteUser({ userId, email }: { userId: string; email: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.admin.removeUser({ userId, fetchOptions }));
    if (result) {
      router.push("/admin?deleted=1");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={remove} className="space-y-4">
      <p className={hint}>
        Deleting removes the account, its sessions, passkeys, connected accounts and activity, as deleting it from the
        account area does. It cannot be undone.
      </p>
      {form.formError}
      <ConfirmByTyping
        form={form}
        label={`Type the address, ${email}, to confirm`}
        name="confirmEmail"
        expected={email}
        mismatch="That is not the account's address."
        ignoreCase
        pendingLabel="Deleting…"
      >
        Delete account
      </ConfirmByTyping>
    </form>
  );
}
