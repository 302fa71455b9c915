"use client";

import { useId, type ComponentProps, type ReactNode } from "react";

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
      className={`mt-1 block w-full rounded-md border border-zinc-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-700 focus:border-accent focus:ring-1 focus:ring-accent focus:outline-none dark:border-zinc-600 dark:bg-zinc-950 dark:aria-[invalid=true]:border-red-400 ${className}`}
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

/**
 * The address field of every auth form: the email keyboard and autofill. No maxLength: a browser cuts a longer
 * pasted address short without a word, and a shortened address is someone else's. The server refuses one over
 * INPUT_LIMITS.email (lib/common/limits.ts) naming the limit, and the form shows that beside this field.
 */
export function EmailField({ label = "Email", ...props }: { label?: string; error?: string } & ComponentProps<"input">) {
  return (
    <FormField
      label={label}
      type="email"
      name="email"
      autoComplete="email"
      required
      {...props}
    />
  );
}
