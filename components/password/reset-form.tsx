"use client";

import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { NewPasswordField } from "@/components/forms/password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { InvalidResetLink } from "./invalid-reset-link";

/** The page an emailed reset link opens: the new password. An unusable link shows InvalidResetLink. */
export function ResetPasswordForm({
  token,
  sessionCacheSeconds,
}: {
  token: string;
  /** How long a device already signed in may keep its cached session (SESSION_CACHE_SECONDS). */
  sessionCacheSeconds: number;
}) {
  const form = useAuthForm();
  const [done, setDone] = useState(false);
  // The token rides in this component, not the address bar (nor the history, where anyone could reuse it).
  useEffect(() => {
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  async function reset(event: FormEvent<HTMLFormElement>) {
    const { password } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.resetPassword({ newPassword: password, token, fetchOptions }),
    );
    if (result) setDone(true);
  }
  if (form.failureCode === "INVALID_TOKEN") return <InvalidResetLink />;
  if (done) {
    return (
      <Card
        title="Password changed"
        footer={
          <Link className={linkClass} href="/sign-in/password">
            Sign in with your new password
          </Link>
        }
      >
        <p className="text-zinc-700 dark:text-zinc-300">
          Your password has been changed and every session has been ended.
          {sessionCacheSeconds > 0 &&
            ` A device that was signed in can keep its access for up to ${sessionCacheSeconds} seconds.`}
        </p>
      </Card>
    );
  }
  return (
    <Card title="Choose a new password">
      <form method="post" onSubmit={reset} className="space-y-4">
        {form.formError}
        <NewPasswordField error={form.fieldError("password")} />
        <SubmitButton form={form} pendingLabel="Saving…">
          Change password
        </SubmitButton>
      </form>
    </Card>
  );
}
