"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { CurrentPasswordField, NewPasswordField } from "@/components/forms/password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";

interface PasswordFormProps {
  hasPassword: boolean;
  email: string;
  maskedEmail: string;
}

/**
 * A first password for a link-only account (the fallback sign-in), or a new one for an account that has one:
 * the current password is required, and other devices can be signed out in the same step.
 */
export function PasswordForm({ hasPassword, email, maskedEmail }: PasswordFormProps) {
  const router = useRouter();
  const form = useAuthForm();
  const [done, setDone] = useState<string | null>(null);
  async function save(event: FormEvent<HTMLFormElement>) {
    const formElement = event.currentTarget;
    const fields = formValues(event);
    setDone(null);
    const result = hasPassword
      ? await form.run((authClient, fetchOptions) =>
          authClient.changePassword({
            currentPassword: fields.currentPassword,
            newPassword: fields.password,
            revokeOtherSessions: fields.revokeOtherSessions === "on",
            fetchOptions,
          }),
        )
      : await form.run((authClient, fetchOptions) =>
          authClient.$fetch<{ status: boolean }>("/account/set-password", {
            method: "POST",
            body: { newPassword: fields.password },
            ...fetchOptions,
          }),
        );
    if (!result) return;
    formElement.reset();
    setDone(
      hasPassword
        ? fields.revokeOtherSessions === "on"
          ? "Your password is changed, and your other devices are signed out."
          : "Your password is changed."
        : "Your password is set. You can now sign in with it as well as with a link.",
    );
    router.refresh();
  }
  if (form.failureCode === "SESSION_NOT_FRESH") {
    return <FreshSignIn email={email} maskedEmail={maskedEmail} callbackURL="/account/security" />;
  }
  return (
    <form method="post" onSubmit={save} className="space-y-4">
      {done && <Alert tone="info">{done}</Alert>}
      {form.formError}
      {hasPassword && <CurrentPasswordField name="currentPassword" error={form.fieldError("currentPassword")} />}
      <NewPasswordField error={form.fieldError("password")} />
      {hasPassword && (
        <Checkbox name="revokeOtherSessions" label="Sign out my other devices" />
      )}
      <SubmitButton form={form} pendingLabel="Saving…">
        {hasPassword ? "Change password" : "Set password"}
      </SubmitButton>
    </form>
  );
}
