"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { goOnAfterSignIn } from "@/components/forms/go-on-after-sign-in";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { buttonClass, linkClass } from "@/components/ui/styles";

/** Answers after which this pending sign-in can't go on: the first factor has to be given again. */
const START_AGAIN = new Set(["INVALID_TWO_FACTOR_COOKIE", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE"]);

const signInPage = (callbackURL: string) => `/sign-in?${new URLSearchParams({ callbackURL })}`;

/**
 * No sign-in waiting for a code in this browser: what happened in one sentence (`children`), then the one way on.
 * Shown at once when the page finds nothing pending, or when a code is refused because the sign-in has ended.
 */
export function NothingToVerify({ callbackURL, children }: { callbackURL: string; children?: ReactNode }) {
  return (
    <Card title="Two-factor authentication">
      {children ?? <p className="mb-6 text-zinc-700 dark:text-zinc-300">No sign-in is waiting for a code in this browser.</p>}
      <Link className={`w-full ${buttonClass()}`} href={signInPage(callbackURL)}>
        Sign in
      </Link>
    </Card>
  );
}

/** The code from the authenticator app, or a backup code; optionally trusting this browser for 30 days. */
export function TwoFactorChallenge({ callbackURL }: { callbackURL: string }) {
  const router = useRouter();
  const form = useAuthForm();
  const [backup, setBackup] = useState(false);

  async function verify(event: FormEvent<HTMLFormElement>) {
    const fields = formValues(event);
    const trustDevice = fields.trustDevice === "on";
    const result = await form.run((authClient, fetchOptions) =>
      backup
        ? authClient.twoFactor.verifyBackupCode({ code: fields.code.trim(), trustDevice, fetchOptions })
        : authClient.twoFactor.verifyTotp({ code: fields.code.replace(/[\s-]/g, ""), trustDevice, fetchOptions }),
    );
    if (result) goOnAfterSignIn(router, result.data, callbackURL);
  }

  if (form.failureCode && START_AGAIN.has(form.failureCode)) {
    return <NothingToVerify callbackURL={callbackURL}>{form.formError}</NothingToVerify>;
  }
  return (
    <Card
      title="Two-factor authentication"
      footer={
        <Link className={linkClass} href={signInPage(callbackURL)}>
          Sign in another way
        </Link>
      }
    >
      <form method="post" onSubmit={verify} className="space-y-4">
        <p className="text-zinc-700 dark:text-zinc-300">
          {backup
            ? "Enter one of the backup codes you saved when you turned on two-factor authentication. Each works once."
            : "Enter the code from your authenticator app."}
        </p>
        {form.formError}
        <FormField
          // A new field for each kind of code: the browser's suggestions and the value do not carry over.
          key={backup ? "backup" : "app"}
          label={backup ? "Backup code" : "Authentication code"}
          name="code"
          autoComplete="one-time-code"
          inputMode={backup ? "text" : "numeric"}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={backup ? 32 : 8}
          required
          autoFocus
          error={form.fieldError("code")}
        />
        <Checkbox name="trustDevice" label="Trust this device for 30 days" />
        <SubmitButton form={form} pendingLabel="Checking…">
          Verify
        </SubmitButton>
      </form>
      <p className="mt-4 text-center text-sm">
        <button
          type="button"
          className={linkClass}
          disabled={!form.hydrated}
          onClick={() => {
            setBackup(!backup);
            form.clearFailure();
          }}
        >
          {backup ? "Use your authenticator app instead" : "Use a backup code instead"}
        </button>
      </p>
    </Card>
  );
}

