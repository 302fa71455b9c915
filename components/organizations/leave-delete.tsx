"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { ConfirmByTyping } from "@/components/forms/confirm-by-typing";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAuthForm } from "@/components/forms/use-auth-form";

/** Leave the organization (refused, with the reason, for its last owner). */
export function LeaveOrganization({ organizationId, name }: { organizationId: string; name: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function leave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!window.confirm(`Leave ${name}? You will need a new invitation to come back.`)) return;
    const result = await form.run((authClient, fetchOptions) => authClient.organization.leave({ organizationId, fetchOptions }));
    if (result) {
      router.push("/organization?left=1");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={leave} className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">You lose access at once; coming back takes a new invitation.</p>
      {form.formError}
      <SubmitButton form={form} variant="secondary" pendingLabel="Leaving…">
        {`Leave ${name}`}
      </SubmitButton>
    </form>
  );
}

/** Delete the organization (owners): confirmed by typing its name; every membership and invitation goes with it. */
export function DeleteOrganization({ organizationId, name }: { organizationId: string; name: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.organization.delete({ organizationId, fetchOptions }));
    if (result) {
      router.push("/organization?deleted=1");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={remove} className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Deleting removes the organization, every membership and every invitation waiting. It cannot be undone.
      </p>
      {form.formError}
      <ConfirmByTyping
        form={form}
        label={`Type the organization's name, ${name}, to confirm`}
        name="confirmName"
        expected={name}
        mismatch="That is not the organization's name."
        pendingLabel="Deleting…"
      >
        Delete organization
      </ConfirmByTyping>
    </form>
  );
}
