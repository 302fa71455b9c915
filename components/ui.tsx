"use client";

import { useEffect, useId, useRef, type ButtonHTMLAttributes, type ComponentProps, type ReactNode } from "react";
import { INPUT_LIMITS } from "@/lib/input-limits";
import { buttonClass } from "./styles";

/**
 * The app's UI primitives on Tailwind. Colours meet WCAG 2.2 AA contrast in both themes.
 */

/**
 * A screen's heading. It takes focus when it appears or changes (a form becoming "Check your email"), so
 * keyboard and screen-reader users start at the top of each new screen.
 */
export function Heading({ children, level = 1 }: { children: string; level?: 1 | 2 }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [children]);
  const Tag = level === 1 ? "h1" : "h2";
  return (
    <Tag ref={ref} tabIndex={-1} className="mb-6 text-2xl font-semibold tracking-tight outline-none">
      {children}
    </Tag>
  );
}

/**
 * A screen's card. Its text wraps anywhere it must, so a long address or name never widens the page; `footer`
 * holds the screen's next steps (links, a secondary action), in the same place on every card.
 */
export function Card({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-12">
      <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm wrap-anywhere sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <Heading>{title}</Heading>
        {children}
        {footer && <div className="mt-6 space-y-2 text-center text-sm text-zinc-700 dark:text-zinc-300">{footer}</div>}
      </div>
    </main>
  );
}

export function Spinner() {
  return (
    <span
      aria-hidden="true"
      className="inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none"
    />
  );
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Shows a spinner and blocks further clicks while a request is under way. */
  pending?: boolean;
  variant?: "primary" | "secondary";
}

export function Button({ className = "", pending = false, variant = "primary", disabled, children, ...props }: ButtonProps) {
  return (
    <button
      className={`w-full disabled:cursor-not-allowed disabled:opacity-70 ${buttonClass(variant)} ${className}`}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending && <Spinner />}
      {children}
    </button>
  );
}

export function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium">
      {children}
    </label>
  );
}

export function Input({ className = "", ...props }: ComponentProps<"input">) {
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

/** A labelled checkbox, its label to the right. */
export function Checkbox({ label, ...props }: { label: string } & Omit<ComponentProps<"input">, "type">) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4 accent-zinc-900 dark:accent-zinc-100" {...props} />
      {label}
    </label>
  );
}

export function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "info" }) {
  const colours =
    tone === "error"
      ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      : "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mb-4 rounded-md border px-3 py-2 text-sm ${colours}`}>
      {children}
    </div>
  );
}

/** A form's outcome shown in its place ("Check your email"): its heading takes focus, screen readers hear it. */
export function SentNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="status">
      <Heading level={2}>{title}</Heading>
      <p className="text-zinc-700 dark:text-zinc-300">{children}</p>
    </div>
  );
}
