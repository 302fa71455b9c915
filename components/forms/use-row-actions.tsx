"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callAuth, type AuthCall } from "./call-auth";

/**
 * The state of a list whose rows each have buttons (sessions, members, invitations): one request at a time, the
 * row's button pending, the outcome above the list, the page's data read again after a change.
 */
export function useRowActions() {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" } | null>(null);

  async function act(target: string, call: AuthCall<unknown>, done: string) {
    setPending(target);
    setMessage(null);
    const result = await callAuth(call);
    setPending(null);
    if ("failure" in result) {
      setMessage({ text: result.failure.message, tone: "error" });
      return false;
    }
    setMessage({ text: done, tone: "info" });
    router.refresh();
    return true;
  }

  return {
    act,
    /** Whether the row's `target` button is the one waiting. */
    isPending: (target: string) => pending === target,
    /** Buttons wait for React (a click before then would do nothing) and for the request under way. */
    disabled: !hydrated || pending !== null,
    outcome: message && <Alert tone={message.tone}>{message.text}</Alert>,
  };
}

/**
 * A row's action button: it runs `call` as `target` (after `confirm`, when given, is accepted), waits while it
 * runs, and says `done` above the list.
 */
export function RowButton({
  rows,
  target,
  call,
  done,
  confirm,
  label,
  children,
}: {
  rows: ReturnType<typeof useRowActions>;
  target: string;
  call: AuthCall<unknown>;
  done: string;
  confirm?: string;
  /** The button's accessible name, when its text alone does not say which row it acts on. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <Button
      type="button"
      variant="secondary"
      className="w-auto! shrink-0"
      disabled={rows.disabled}
      pending={rows.isPending(target)}
      aria-label={label}
      onClick={() => {
        if (confirm && !window.confirm(confirm)) return;
        void rows.act(target, call, done);
      }}
    >
      {children}
    </Button>
  );
}
