"use client";

import { useEffect, useRef } from "react";

/** A page's title (level 1), and a sub-heading in one of its titled sections (level 3): smaller than that title. */
const STYLES = {
  1: "mb-6 text-2xl font-semibold tracking-tight",
  3: "mb-2 font-semibold",
} as const;

/**
 * A screen's heading. It takes focus when it appears or changes (a form becoming "Check your email"), so
 * keyboard and screen-reader users start at the top of each new screen.
 */
export function Heading({ children, level = 1 }: { children: string; level?: keyof typeof STYLES }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [children]);
  const Tag = level === 1 ? "h1" : "h3";
  return (
    <Tag ref={ref} tabIndex={-1} className={`${STYLES[level]} outline-none`}>
      {children}
    </Tag>
  );
}
