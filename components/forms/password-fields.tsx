"use client";

import { INPUT_LIMITS } from "@/lib/common/limits";
import { FormField } from "@/components/ui/form-field";

/** The account's password, as typed to sign in or to confirm a change. */
export function CurrentPasswordField({ label = "Password", name = "password", error }: { label?: string; name?: string; error?: string }) {
  return (
    <FormField
      label={label}
      type="password"
      name={name}
      autoComplete="current-password"
      maxLength={INPUT_LIMITS.password.max}
      required
      error={error}
    />
  );
}

/** A password being chosen, named "password": the browser may suggest one, within the server's limits. */
export function NewPasswordField({ label, error }: { label: string; error?: string }) {
  return (
    <FormField
      label={label}
      type="password"
      name="password"
      autoComplete="new-password"
      minLength={INPUT_LIMITS.password.min}
      maxLength={INPUT_LIMITS.password.max}
      required
      error={error}
    />
  );
}

/** A new password and its confirmation, named "password" and "confirmation". */
export function NewPasswordFields({ error, mismatch }: { error?: string; mismatch: boolean }) {
  return (
    <>
      <NewPasswordField label={`New password (at least ${INPUT_LIMITS.password.min} characters)`} error={error} />
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
