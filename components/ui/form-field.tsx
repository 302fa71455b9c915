"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { INPUT_LIMITS } from "@/lib/common/limits";

function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium">
      {children}
    </label>
  );
}

function Input({ className = "", ...props }: ComponentProps<"input">) {
  return (
    <input
      className={`mt-1 block w-full rounded-md border border-zinc-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-700 focus:border-zinc-900 focus:ring-1 focus:ring-zinc-900 focus:outline-none dark:border-zinc-600 dark:bg-zinc-950 dark:aria-[invalid=true]:border-red-400 dark:focus:border-zinc-100 dark:focus:ring-zinc-100 ${className}`}
      {...props}
    />
  );
}

/**
 * A labelled input with its error text beside it, tied together for screen readers. The error is also an alert,
 * so it is read out when it appears or changes while the focus stays in the field (a code checked as it is typed).
 */
export function FormField({ label, error, ...props }: { label: string; error?: string } & ComponentProps<"input">) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...props} />
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** The address field of every auth form: the email keyboard, autofill, and the server's maximum length. */
export function EmailField({ label = "Email", ...props }: { label?: string; error?: string } & ComponentProps<"input">) {
  return (
    <FormField
      label={label}
      type="email"
      name="email"
      autoComplete="email"
      maxLength={INPUT_LIMITS.email}
      required
      {...props}
    />
  );
}
