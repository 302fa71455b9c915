"use client";

import type { ButtonHTMLAttributes } from "react";
import { buttonClass } from "./styles";

function Spinner() {
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

/** The app's button: full width, primary or secondary, with a spinner while `pending`. */
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
