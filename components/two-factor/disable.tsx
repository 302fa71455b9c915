"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { CurrentPasswordField } from "@/components/forms/password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { FormField } from "@/components/ui/form-field";

interface Identity {
  email: string;
  maskedEmail: string;
}

const CALLBACK = "/account/security";

/** Turning two-factor off: a current code from the app or a backup code, and the password if there is one. */
export function TwoFactorDisable({ hasPassword, ...identity }: { hasPassword: boolean } & Identity) {
  const router = useRouter();
  const form = useAuthForm();
  async function disable(event: FormEvent<HTMLFormElement>) {
    const { password, code } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.$fetch<{ status: boolean }>("/two-factor/disable", {
        method: "POST",
        body: { code: code.trim(), ...(hasPassword ? { password } : {}) },
        ...fetchOptions,
      }),
    );
    if (result) router.refresh();
  }
  if (form.failureCode === "SESSION_NOT_FRESH") return <FreshSignIn {...identity} callbackURL={CALLBACK} />;
  return (
    <form method="post" onSubmit={disable} className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        On: every sign-in asks for a code from your authenticator app. To turn it off, enter a current code or one of
        your backup codes.
      </p>
      {form.formError}
      {hasPassword && <CurrentPasswordField error={form.fieldError("currentPassword")} />}
      <FormField
        label="Code from the app, or a backup code"
        name="code"
        autoComplete="one-time-code"
        maxLength={32}
        required
        error={form.fieldError("code")}
      />
      <SubmitButton form={form} variant="secondary" pendingLabel="Turning off…">
        Turn off two-factor authentication
      </SubmitButton>
    </form>
  );
}
