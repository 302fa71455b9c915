"use client";

import { INPUT_LIMITS } from "@/lib/common/limits";
import { FormField } from "@/components/ui/form-field";

/**
 * The account's password as it is now, typed to confirm a change ("Current password"); the sign-in form calls it
 * "Password".
 */
export function CurrentPasswordField({ label = "Current password", name = "password", error }: { label?: string; name?: string; error?: string }) {
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

/**
 * A password being chosen (sign-up, a reset, the account's first or next one), named "password" and asked once:
 * the browser may suggest one, within the server's limits, and a mistyped one is undone by email (a sign-in link
 * or a reset link), so a second field would cost every user for a rare slip.
 */
export function NewPasswordField({ label = "New password", error }: { label?: string; error?: string }) {
  return (
    <FormField
      label={`${label} (at least ${INPUT_LIMITS.password.min} characters)`}
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
