"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";

/** The display name, saved with better-auth's /update-user (which lib/account/profile.ts validates). */
export function NameForm({ name }: { name: string }) {
  const router = useRouter();
  const form = useAuthForm();
  const [saved, setSaved] = useState(false);
  async function save(event: FormEvent<HTMLFormElement>) {
    setSaved(false);
    const { name: newName } = formValues(event);
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
