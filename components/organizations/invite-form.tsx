"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ORGANIZATION_ROLES, type OrganizationRole } from "@/lib/common/organizations";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { EmailField } from "@/components/ui/form-field";
import { RoleSelect } from "./role-select";

/** Invite someone by email with a role: owners may invite owners; admins invite admins and members. */
export function InviteForm({ organizationId, inviterRole }: { organizationId: string; inviterRole: OrganizationRole }) {
  const router = useRouter();
  const form = useAuthForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const roleId = useId();
  const roles = ORGANIZATION_ROLES.filter((role) => role !== "owner" || inviterRole === "owner");
  async function invite(event: FormEvent<HTMLFormElement>) {
    setSentTo(null);
    const values = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.organization.inviteMember({
        email: values.email,
        role: values.role as OrganizationRole,
        organizationId,
        fetchOptions,
      }),
    );
    if (result) {
      setSentTo(values.email);
      setEmail("");
      router.refresh();
    }
  }
  return (
    <form method="post" onSubmit={invite} className="space-y-4" aria-label="Invite someone">
      {sentTo && (
        <Alert tone="info">
          Invitation sent to <strong>{sentTo}</strong>.
        </Alert>
      )}
      {form.formError}
      <EmailField
        label="Email address to invite"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={form.fieldError("email")}
      />
      <div>
        <label htmlFor={roleId} className="block text-sm font-medium">
          Role
        </label>
        <RoleSelect id={roleId} name="role" roles={roles} defaultValue="member" />
      </div>
      <SubmitButton form={form} pendingLabel="Sending…">
        Send invitation
      </SubmitButton>
    </form>
  );
}
