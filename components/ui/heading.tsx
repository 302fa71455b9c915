"use client";

import { useEffect, useRef } from "react";

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
