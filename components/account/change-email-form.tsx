"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { EmailField } from "@/components/ui/form-field";
import { SentNotice } from "@/components/ui/sent-notice";
import { FreshSignIn } from "./fresh-sign-in";

/**
 * Asks for a new sign-in email (better-auth's /change-email). The new address gets a link; nothing changes until
 * it is used; a later request replaces it. A taken address answers the same as a free one. `hasPendingChange`: the
 * page shows one (components/account/pending-email-change.tsx); once it is cancelled, or after "Try a different
 * email" (a new request replaces it), the form is back.
 */
export function ChangeEmailForm({ email, maskedEmail, hasPendingChange }: { email: string; maskedEmail: string; hasPendingChange: boolean }) {
  const router = useRouter();
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  // Back from "Try a different email": the field takes the focus the notice's heading had.
  const [again, setAgain] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  async function requestChange(event: FormEvent<HTMLFormElement>) {
    const { newEmail } = formValues(event);
    const result = await form.run((authClient, fetchOptions) => authClient.changeEmail({ newEmail, fetchOptions }));
    if (!result) return;
    setSentTo(newEmail);
    // The page then shows the request as the pending change, with a way to cancel it.
    startRefresh(() => router.refresh());
  }
  if (form.failureCode === "SESSION_NOT_FRESH") {
    return <FreshSignIn email={email} maskedEmail={maskedEmail} callbackURL="/account" />;
  }
  if (sentTo && (refreshing || hasPendingChange)) {
    return (
      <SentNotice
        title="Check your new inbox"
        again={{
          label: "Try a different email",
          onClick: () => {
            setSentTo(null);
            setAgain(true);
          },
        }}
      >
        We sent a link to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. Your sign-in email
        changes when you open it; until then, keep signing in with your current one.
      </SentNotice>
    );
  }
  return (
    <form method="post" onSubmit={requestChange} className="space-y-4">
      {form.formError}
      <EmailField label="New email" name="newEmail" autoFocus={again} error={form.fieldError("email")} />
      <SubmitButton form={form} pendingLabel="Sending…">
        Email me a confirmation link
      </SubmitButton>
    </form>
  );
}
