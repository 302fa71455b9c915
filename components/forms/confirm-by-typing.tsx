"use client";

import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "./submit-button";
import type { useAuthForm } from "./use-auth-form";

/**
 * The end of a form that deletes something for good: a field where `expected` must be typed (an organization's
 * name, an account's address), a line beside it while what is typed differs, and the submit button, which waits
 * for a match.
 */
export function ConfirmByTyping({
  form,
  label,
  name,
  expected,
  mismatch,
  ignoreCase = false,
  pendingLabel,
  children,
}: {
  form: ReturnType<typeof useAuthForm>;
  label: string;
  name: string;
  expected: string;
  mismatch: string;
  /** Addresses match whatever their case. */
  ignoreCase?: boolean;
  pendingLabel: string;
  children: string;
}) {
  const [typed, setTyped] = useState("");
  const given = ignoreCase ? typed.trim().toLowerCase() : typed.trim();
  const matches = given === (ignoreCase ? expected.toLowerCase() : expected);
  return (
    <>
      <FormField label={label} name={name} autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} required />
      {typed !== "" && !matches && (
        <p className="text-sm text-red-700 dark:text-red-400" role="alert">
          {mismatch}
        </p>
      )}
      <SubmitButton form={{ ...form, blocked: form.blocked || !matches }} pendingLabel={pendingLabel}>
        {children}
      </SubmitButton>
    </>
  );
}
