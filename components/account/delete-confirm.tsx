"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAuthForm } from "@/components/forms/use-auth-form";

/** The last step, on the page the emailed link opens: better-auth's /delete-user with the link's token. */
export function DeleteAccountConfirm({ token }: { token: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.deleteUser({ token, fetchOptions }));
    if (result) {
      router.push("/account-deleted");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={confirm} className="space-y-4">
      {form.formError}
      <SubmitButton form={form} pendingLabel="Deleting…">
        Delete my account
      </SubmitButton>
    </form>
  );
}
