"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Card } from "@/components/ui/card";
import { EmailField } from "@/components/ui/form-field";
import { linkClass } from "@/components/ui/styles";

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function requestReset(event: FormEvent<HTMLFormElement>) {
    const { email } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.requestPasswordReset({ email, redirectTo: "/reset-password", fetchOptions }),
    );
    if (result) setSentTo(email);
  }
  if (sentTo) {
    return (
      <Card
        title="Check your email"
        footer={
          <Link className={linkClass} href="/sign-in">
            Back to sign in
          </Link>
        }
      >
        <p className="text-zinc-700 dark:text-zinc-300">
          If there is an account for <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>, we sent it
          a link to choose a new password. The link works for one hour.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Reset your password"
      footer={
        <Link className={linkClass} href="/sign-in">
          Sign in with a link instead
        </Link>
      }
    >
      <form method="post" onSubmit={requestReset} className="space-y-4">
        {form.formError}
        <EmailField error={form.fieldError("email")} />
        <SubmitButton form={form} pendingLabel="Sending…">
          Email me a reset link
        </SubmitButton>
      </form>
    </Card>
  );
}
