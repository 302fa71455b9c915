"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ORGANIZATION_LIMITS } from "@/lib/common/organizations";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";

/** Rename the organization or change its slug (owners and admins). */
export function OrganizationSettingsForm({ organizationId, name, slug }: { organizationId: string; name: string; slug: string }) {
  const router = useRouter();
  const form = useAuthForm();
  const [saved, setSaved] = useState(false);
  async function save(event: FormEvent<HTMLFormElement>) {
    setSaved(false);
    const values = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.organization.update({ organizationId, data: { name: values.name, slug: values.slug }, fetchOptions }),
    );
    if (result) {
      setSaved(true);
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={save} className="space-y-4">
      {saved && <Alert tone="info">The organization is saved.</Alert>}
      {form.formError}
      <FormField
        label={`Name (at most ${ORGANIZATION_LIMITS.name} characters)`}
        name="name"
        autoComplete="organization"
        defaultValue={name}
        maxLength={ORGANIZATION_LIMITS.name}
        required
        error={form.fieldError("name")}
      />
      <FormField
        label="Slug (lowercase letters, digits and hyphens)"
        name="slug"
        autoComplete="off"
        defaultValue={slug}
        minLength={ORGANIZATION_LIMITS.slug.min}
        maxLength={ORGANIZATION_LIMITS.slug.max}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        required
        error={form.fieldError("slug")}
      />
      <SubmitButton form={form} pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
