"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "@/lib/input-limits";
import { formValues as values, SubmitButton, useAuthForm } from "./auth-form";
import { FreshSignIn } from "./fresh-sign-in";
import { NewPasswordFields } from "./password-forms";
import { Alert, Checkbox, EmailField, FormField, SentNotice } from "./ui";

/** The display name, saved with better-auth's /update-user (which lib/account.ts validates). */
export function NameForm({ name }: { name: string }) {
  const router = useRouter();
  const form = useAuthForm();
  const [saved, setSaved] = useState(false);
  async function save(event: FormEvent<HTMLFormElement>) {
    setSaved(false);
    const { name: newName } = values(event);
    const result = await form.run((authClient, fetchOptions) => authClient.updateUser({ name: newName, fetchOptions }));
    if (result) {
      setSaved(true);
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={save} className="space-y-4">
      {saved && <Alert tone="info">Your name is saved.</Alert>}
      {form.formError}
      <FormField
        label={`Name (at most ${INPUT_LIMITS.name} characters)`}
        name="name"
        autoComplete="name"
        defaultValue={name}
        maxLength={INPUT_LIMITS.name}
        required
        error={form.fieldError("name")}
      />
      <SubmitButton form={form} pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </form>
  );
}

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
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  async function save(event: FormEvent<HTMLFormElement>) {
    const formElement = event.currentTarget;
    const fields = values(event);
    setMismatch(fields.password !== fields.confirmation);
    if (fields.password !== fields.confirmation) return;
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
      {hasPassword && (
        <FormField
          label="Current password"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          maxLength={INPUT_LIMITS.password.max}
          required
          error={form.fieldError("currentPassword")}
        />
      )}
      <NewPasswordFields error={form.fieldError("password")} mismatch={mismatch} />
      {hasPassword && (
        <Checkbox name="revokeOtherSessions" label="Sign out my other devices" />
      )}
      <SubmitButton form={form} pendingLabel="Saving…">
        {hasPassword ? "Change password" : "Set password"}
      </SubmitButton>
    </form>
  );
}

/**
 * Asks for a new sign-in email (better-auth's /change-email). The new address gets a link; nothing changes until
 * it is used. A taken address answers the same as a free one.
 */
export function ChangeEmailForm({ email, maskedEmail }: { email: string; maskedEmail: string }) {
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function requestChange(event: FormEvent<HTMLFormElement>) {
    const { newEmail } = values(event);
    const result = await form.run((authClient, fetchOptions) => authClient.changeEmail({ newEmail, fetchOptions }));
    if (result) setSentTo(newEmail);
  }
  if (form.failureCode === "SESSION_NOT_FRESH") {
    return <FreshSignIn email={email} maskedEmail={maskedEmail} callbackURL="/account" />;
  }
  if (sentTo) {
    return (
      <SentNotice title="Check your new inbox">
        We sent a link to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>. Your sign-in email
        changes when you open it; until then, keep signing in with your current one.
      </SentNotice>
    );
  }
  return (
    <form method="post" onSubmit={requestChange} className="space-y-4">
      {form.formError}
      <EmailField label="New email" name="newEmail" error={form.fieldError("email")} />
      <SubmitButton form={form} pendingLabel="Sending…">
        Email me a confirmation link
      </SubmitButton>
    </form>
  );
}

/** Starts deleting the account: better-auth's /delete-user emails a link, which is the confirmation. */
export function DeleteAccountRequest({ maskedEmail }: { maskedEmail: string }) {
  const form = useAuthForm();
  const [sent, setSent] = useState(false);
  async function request(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.deleteUser({ fetchOptions }));
    if (result) setSent(true);
  }
  if (sent) {
    return (
      <SentNotice title="Check your email">
        We sent a link to <strong className="text-zinc-900 dark:text-zinc-100">{maskedEmail}</strong>. Open it to
        confirm: nothing is deleted until you do.
      </SentNotice>
    );
  }
  return (
    <form method="post" onSubmit={request} className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Deleting your account removes your profile, password, sessions and activity. It cannot be undone. We email you
        a link to confirm.
      </p>
      {form.formError}
      <SubmitButton form={form} variant="secondary" pendingLabel="Sending…">
        Email me a link to delete my account
      </SubmitButton>
    </form>
  );
}

/** The last step, on the page the emailed link opens: better-auth's /delete-user with the link's token. */
export function DeleteAccountConfirm({ token }: { token: string }) {
  const router = useRouter();
  const form = useAuthForm();
  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.run((authClient, fetchOptions) => authClient.deleteUser({ token, fetchOptions }));
    if (result) {
      router.push("/account-deleted");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={confirm} className="space-y-4">
      {form.formError}
      <SubmitButton form={form} pendingLabel="Deleting…">
        Delete my account
      </SubmitButton>
    </form>
  );
}
