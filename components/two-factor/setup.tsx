"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { renderSVG } from "uqr";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { CurrentPasswordField } from "@/components/forms/password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { BackupCodes } from "./backup-codes";

interface Identity {
  email: string;
  maskedEmail: string;
}

const CALLBACK = "/account/security";

/** The secret an otpauth:// URI carries, in groups of four for typing into an app by hand. */
function secretOf(totpURI: string) {
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

type Setup = { step: "scan"; totpURI: string; backupCodes: string[] } | { step: "codes"; backupCodes: string[] };

/**
 * Turning two-factor on: the QR code (drawn here, in the page: the secret goes to no other service) and the
 * secret as text; a current code from the app proves it before it takes effect; then the 10 backup codes,
 * shown once, to copy or download.
 */
export function TwoFactorSetup({
  hasPassword,
  passwords,
  passkeys,
  ...identity
}: {
  hasPassword: boolean;
  /** Whether the app offers passwords (AUTH_PASSWORD) and passkeys (AUTH_PASSKEYS), for the words about sign-ins. */
  passwords: boolean;
  passkeys: boolean;
} & Identity) {
  const router = useRouter();
  const form = useAuthForm();
  const [setup, setSetup] = useState<Setup | null>(null);

  async function start(event: FormEvent<HTMLFormElement>) {
    const { password } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.twoFactor.enable({ password: hasPassword ? password : undefined, fetchOptions }),
    );
    if (result && "totpURI" in result.data && result.data.totpURI) {
      setSetup({ step: "scan", totpURI: result.data.totpURI, backupCodes: result.data.backupCodes ?? [] });
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    const { code } = formValues(event);
    if (setup?.step !== "scan") return;
    const result = await form.run((authClient, fetchOptions) =>
      authClient.twoFactor.verifyTotp({ code: code.replace(/\s/g, ""), fetchOptions }),
    );
    if (result) setSetup({ step: "codes", backupCodes: setup.backupCodes });
  }

  if (form.failureCode === "SESSION_NOT_FRESH") return <FreshSignIn {...identity} callbackURL={CALLBACK} />;
  if (setup?.step === "codes") {
    return (
      <div className="space-y-4">
        <Alert tone="info">Two-factor authentication is on. Every sign-in now asks for a code from your app.</Alert>
        <BackupCodes codes={setup.backupCodes} />
        <Button type="button" onClick={() => router.refresh()}>
          Done
        </Button>
      </div>
    );
  }
  if (setup?.step === "scan") {
    return (
      <form method="post" onSubmit={confirm} className="space-y-4">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Scan this QR code with your authenticator app (1Password, Google Authenticator, Authy, …), then enter the
          6-digit code it shows.
        </p>
        <div
          className="mx-auto size-48 overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-700"
          role="img"
          aria-label="QR code for your authenticator app"
          // An SVG drawn from the otpauth:// URI by uqr, in this browser.
          dangerouslySetInnerHTML={{ __html: renderSVG(setup.totpURI, { border: 2 }) }}
        />
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Can&apos;t scan it? Enter this key in the app instead:{" "}
          <code data-testid="totp-secret" className="font-mono break-all text-zinc-900 dark:text-zinc-100">
            {secretOf(setup.totpURI)}
          </code>
        </p>
        {form.formError}
        <FormField
          label="Code from the app"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={8}
          required
          error={form.fieldError("code")}
        />
        <SubmitButton form={form} pendingLabel="Checking…">
          Turn on
        </SubmitButton>
      </form>
    );
  }
  return (
    <form method="post" onSubmit={start} className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Off. With it on, every sign-in ({passwords ? "link, code or password" : "link or code"}) also asks for a code
        from an authenticator app on your phone.{passkeys && " Passkeys don't: they already check it's you."}
      </p>
      {form.formError}
      {hasPassword && <CurrentPasswordField error={form.fieldError("currentPassword")} />}
      <SubmitButton form={form} pendingLabel="Starting…">
        Set up two-factor authentication
      </SubmitButton>
    </form>
  );
}
