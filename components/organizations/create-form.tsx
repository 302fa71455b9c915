"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ORGANIZATION_LIMITS, slugFrom } from "@/lib/common/organizations";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { FormField } from "@/components/ui/form-field";

/** A new organization: a name, and a slug suggested from it until the person edits the slug themselves. */
export function CreateOrganizationForm() {
  const router = useRouter();
  const form = useAuthForm();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  async function create(event: FormEvent<HTMLFormElement>) {
    const values = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.organization.create({ name: values.name, slug: values.slug, fetchOptions }),
    );
    if (result) {
      router.push("/organization");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={create} className="space-y-4">
      {form.formError}
      <FormField
        label={`Name (at most ${ORGANIZATION_LIMITS.name} characters)`}
        name="name"
        autoComplete="organization"
        maxLength={ORGANIZATION_LIMITS.name}
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={form.fieldError("name")}
      />
      <FormField
        label="Slug (lowercase letters, digits and hyphens)"
        name="slug"
        autoComplete="off"
        minLength={ORGANIZATION_LIMITS.slug.min}
        maxLength={ORGANIZATION_LIMITS.slug.max}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        required
        value={slug ?? slugFrom(name)}
        onChange={(event) => setSlug(event.target.value)}
        error={form.fieldError("slug")}
      />
      <SubmitButton form={form} pendingLabel="Creating…">
        Create organization
      </SubmitButton>
    </form>
  );
}
