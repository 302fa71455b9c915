"use client";

import { Button } from "@/components/ui/button";
import type { useAuthForm } from "./use-auth-form";

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
