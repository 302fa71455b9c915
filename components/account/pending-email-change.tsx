"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callAuth } from "@/components/forms/call-auth";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ENDPOINTS } from "@/lib/common/paths";

const until = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/**
 * The email change waiting for its link, with a way to call it off: only the newest request's link works, and
 * cancelling stops that one too. Stays mounted when the change is gone, to say it was cancelled.
 */
export function PendingEmailChange({ pending }: { pending: { newEmail: string; expiresAt: string } | null }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; tone: "info" | "error" } | null>(null);

  async function cancel(newEmail: string) {
    setCancelling(true);
    setOutcome(null);
    const result = await callAuth((authClient, fetchOptions) =>
      authClient.$fetch(ENDPOINTS.accountCancelEmailChange, { method: "POST", ...fetchOptions }),
    );
    setCancelling(false);
    if ("failure" in result) {
      setOutcome({ text: result.failure.message, tone: "error" });
      return;
    }
    setOutcome({ text: `The change to ${newEmail} is cancelled: its link no longer works.`, tone: "info" });
    router.refresh();
  }

  if (!pending) return outcome?.tone === "info" ? <Alert tone="info">{outcome.text}</Alert> : null;
  return (
    <div className="mb-4 rounded-md border border-zinc-200 bg-zinc-50 p-4 text-sm dark:border-zinc-700 dark:bg-zinc-800" data-testid="pending-email-change">
      {outcome?.tone === "error" && <Alert>{outcome.text}</Alert>}
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">
        Waiting for you to confirm <strong>{pending.newEmail}</strong>
      </p>
      <p className="mb-3 text-zinc-700 dark:text-zinc-300">
        Open the link we sent there before {until(pending.expiresAt)}. Only the newest link works: asking again replaces
        it. Until then you keep signing in with your current email.
      </p>
      <div className="sm:w-56">
        <Button type="button" variant="secondary" disabled={!hydrated} pending={cancelling} onClick={() => cancel(pending.newEmail)}>
          Cancel this change
        </Button>
      </div>
    </div>
  );
}
