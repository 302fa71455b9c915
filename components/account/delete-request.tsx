"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAuthForm } from "@/components/forms/use-auth-form";
import { SentNotice } from "@/components/ui/sent-notice";

/** Starts deleting the account: better-auth's /delete-user emails a link, which is the confirmation. */
export function DeleteAccountRequest({ maskedEmail, passwords }: { maskedEmail: string; passwords: boolean }) {
  const form = useAuthForm();
  const [sent, setSent] = useState(false);
  async function request(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.deleteUser({ fetchOptions }));
    if (result) setSent(true);
  }
  if (sent) {
    return (
      <SentNotice title="Check your email">
        We sent a link to <strong className="text-zinc-900 dark:text-zinc-100">{maskedEmail}</strong>. Open it to
        confirm: nothing is deleted until you do.
      </SentNotice>
    );
  }
  return (
    <form method="post" onSubmit={request} className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Deleting your account removes your profile, {passwords && "password, "}sessions and activity. It cannot be undone. We email you
        a link to confirm.
      </p>
      {form.formError}
      <SubmitButton form={form} variant="secondary" pendingLabel="Sending…">
        Email me a link to delete my account
      </SubmitButton>
    </form>
  );
}
