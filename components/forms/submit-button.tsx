"use client";

import { Button } from "@/components/ui/button";
import type { useAuthForm } from "./use-auth-form";

/** A form's submit button: shows progress while the request runs, and waits for hydration and any countdown. */
export function SubmitButton({
  form,
  pendingLabel,
  variant,
  waiting = false,
  children,
}: {
  form: ReturnType<typeof useAuthForm>;
  pendingLabel?: string;
  variant?: "primary" | "secondary";
  /** A wait of the form's own for what it holds now (an address over its limit), besides the form's. */
  waiting?: boolean;
  children: string;
}) {
  return (
    <Button type="submit" variant={variant} pending={form.pending} disabled={form.blocked || waiting}>
      {form.pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
