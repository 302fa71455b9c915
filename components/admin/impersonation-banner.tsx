"use client";

import { useRouter } from "next/navigation";
import { useAuthForm } from "@/components/forms/use-auth-form";
import { Button } from "@/components/ui/button";

/**
 * On every page while an admin is signed in as someone else (app/layout.tsx): whose account it is, which admin,
 * and Stop, which brings the admin's own session back to the account's page in the console.
 */
export function ImpersonationBanner({ userId, user, admin }: { userId: string; user: string; admin: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function stop() {
    const result = await form.run((authClient, fetchOptions) => authClient.admin.stopImpersonating({ fetchOptions }));
    if (result) {
      router.push(`/admin/users/${encodeURIComponent(userId)}`);
      router.refresh();
    }
  }
  return (
    <aside aria-label="Signed in by an admin" className="border-b border-amber-300 bg-amber-100 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-2 text-sm wrap-anywhere sm:flex-row sm:items-center sm:justify-between">
        <p data-testid="impersonation-banner">
          Signed in as <strong>{user}</strong> by admin <strong>{admin}</strong>
        </p>
        <div className="shrink-0 sm:w-28">
          <Button type="button" variant="secondary" className="py-1.5!" pending={form.pending} disabled={form.blocked} onClick={stop}>
            Stop
          </Button>
        </div>
      </div>
      {form.formError && <div className="mx-auto max-w-5xl px-4">{form.formError}</div>}
    </aside>
  );
}
