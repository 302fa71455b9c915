"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAuthForm } from "@/components/forms/use-auth-form";
import { SentNotice } from "@/components/ui/sent-notice";

/**
 * Shown in place of a sensitive form when the sign-in is too old (better-auth's freshAge): one button emails a
 * new link, whose callbackURL brings the person back here with a fresh session to carry on.
 */
export function FreshSignIn({ email, maskedEmail, callbackURL }: { email: string; maskedEmail: string; callbackURL: string }) {
  const form = useAuthForm();
  const [sent, setSent] = useState(false);
  async function sendLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signIn.magicLink({ email, callbackURL, fetchOptions }),
    );
    if (result) setSent(true);
  }
  if (sent) {
    return (
      <SentNotice title="Check your email">
        We sent a sign-in link to <strong className="text-zinc-900 dark:text-zinc-100">{maskedEmail}</strong>. Open it in
        this browser: you will come back here and can carry on.
      </SentNotice>
    );
  }
  return (
    <form method="post" onSubmit={sendLink} className="space-y-4" data-testid="fresh-sign-in">
      <p className="text-zinc-700 dark:text-zinc-300">
        For your security, this needs a recent sign-in. Confirm it&apos;s you with a new link sent to{" "}
        <strong className="text-zinc-900 dark:text-zinc-100">{maskedEmail}</strong>.
      </p>
      {form.formError}
      <SubmitButton form={form} pendingLabel="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}

/** The section's form when the sign-in is fresh enough, else the prompt to confirm with a new link. */
export function RequireFreshSignIn({
  fresh,
  children,
  ...identity
}: {
  fresh: boolean;
  email: string;
  maskedEmail: string;
  callbackURL: string;
  children: ReactNode;
}) {
  return fresh ? children : <FreshSignIn {...identity} />;
}
