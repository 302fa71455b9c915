"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { goOnAfterSignIn } from "@/components/forms/go-on-after-sign-in";
import { CurrentPasswordField } from "@/components/forms/password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmailField } from "@/components/ui/form-field";
import { linkClass } from "@/components/ui/styles";

interface PasswordSignInFormProps {
  callbackURL: string;
  /** Where an address-confirmation link left off: it worked, or it could not be used. */
  confirmation?: "confirmed" | "failed";
}

/** Sign-in with an address and password, for accounts that have one; a link sign-in is one click away. */
export function PasswordSignInForm({ callbackURL, confirmation }: PasswordSignInFormProps) {
  const router = useRouter();
  const form = useAuthForm();
  async function signIn(event: FormEvent<HTMLFormElement>) {
    const { email, password } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.signIn.email({ email, password, fetchOptions }),
    );
    // Dynamic pages are never served from the router cache: the destination renders with the new session.
    if (result) goOnAfterSignIn(router, result.data, callbackURL);
  }
  return (
    <Card
      title="Sign in with a password"
      footer={
        <>
          <p>
            <Link className={linkClass} href="/forgot-password">
              Forgot your password?
            </Link>
          </p>
          <p>
            <Link className={linkClass} href={`/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`}>
              Email me a sign-in link instead
            </Link>
          </p>
        </>
      }
    >
      <form method="post" onSubmit={signIn} className="space-y-4">
        {confirmation === "confirmed" && !form.formError && (
          <Alert tone="info">Your email address is confirmed. Sign in with your password.</Alert>
        )}
        {confirmation === "failed" && !form.formError && (
          <Alert>
            This confirmation link has expired or can&apos;t be used. Sign in with your password and we&apos;ll send you
            a new one.
          </Alert>
        )}
        {form.formError}
        <EmailField error={form.fieldError("email")} />
        <CurrentPasswordField label="Password" error={form.fieldError("password")} />
        <SubmitButton form={form} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
    </Card>
  );
}
