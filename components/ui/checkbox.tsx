"use client";

import type { ComponentProps } from "react";

/** A labelled checkbox, its label to the right. */
export function Checkbox({ label, ...props }: { label: string } & Omit<ComponentProps<"input">, "type">) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4 accent-accent" {...props} />
      {label}
    </label>
  );
}
