"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "@/lib/common/limits";
import type { SocialProvider } from "@/lib/social/providers";
import { NewPasswordField } from "@/components/forms/password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { SocialSignIn } from "@/components/social/sign-in-buttons";
import { Card } from "@/components/ui/card";
import { EmailField, FormField } from "@/components/ui/form-field";
import { linkClass } from "@/components/ui/styles";

/**
 * A new account with a password. The emailed link confirms the address; then the password signs in. Below the
 * form, a button for each configured social provider, whose first sign-in creates the account.
 */
export function SignUpForm({ socialProviders, callbackURL }: { socialProviders: SocialProvider[]; callbackURL: string }) {
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function signUp(event: FormEvent<HTMLFormElement>) {
    const { name, email, password } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signUp.email({ name, email, password, fetchOptions }),
    );
    if (result) setSentTo(email);
  }
  if (sentTo) {
    return (
      <Card
        title="Check your email"
        footer={
          <Link className={linkClass} href="/sign-in/password">
            Go to password sign-in
          </Link>
        }
      >
        <p className="text-zinc-700 dark:text-zinc-300">
          We sent a message to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. Open the link in
          it to confirm your address, then sign in with your password.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Create an account"
      footer={
        <p>
          Already have an account?{" "}
          <Link className={linkClass} href="/sign-in">
            Sign in
          </Link>
        </p>
      }
    >
      <form method="post" onSubmit={signUp} className="space-y-4">
        {form.formError}
        <FormField
          label="Name"
          name="name"
          autoComplete="name"
          maxLength={INPUT_LIMITS.name}
          required
          error={form.fieldError("name")}
        />
        <EmailField error={form.fieldError("email")} />
        <NewPasswordField label="Password" error={form.fieldError("password")} />
        <SubmitButton form={form} pendingLabel="Creating your account…">
          Create account
        </SubmitButton>
      </form>
      <SocialSignIn providers={socialProviders} callbackURL={callbackURL} />
    </Card>
  );
}
