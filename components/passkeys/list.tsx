"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { SubmitButton } from "@/components/forms/submit-button";
import { formValues, useAuthForm } from "@/components/forms/use-auth-form";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { linkClass } from "@/components/ui/styles";

export interface PasskeyItem {
  id: string;
  name: string | null;
  createdAt: string | null;
  backedUp: boolean;
}

const NAME_MAX = INPUT_LIMITS.name;
const day = (iso: string) => new Date(iso).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" });

/** The account's passkeys: add one (named after this browser unless renamed), rename, delete. */
export function PasskeyList({
  passkeys,
  suggestedName,
  fresh,
  email,
  maskedEmail,
}: {
  passkeys: PasskeyItem[];
  /** A recent sign-in: adding a passkey needs one (the page's first section offers it). */
  fresh: boolean;
  suggestedName: string;
  email: string;
  maskedEmail: string;
}) {
  const router = useRouter();
  const form = useAuthForm();
  const [added, setAdded] = useState(false);

  async function add(event: FormEvent<HTMLFormElement>) {
    const formElement = event.currentTarget;
    const { name } = formValues(event);
    setAdded(false);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.passkey.addPasskey({ name: name.trim() || suggestedName, fetchOptions }),
    );
    if (result) {
      // The name now shows in the list; the field is ready for the next passkey.
      formElement.reset();
      setAdded(true);
      router.refresh();
    }
  }

  if (form.failureCode === "SESSION_NOT_FRESH") {
    return <FreshSignIn email={email} maskedEmail={maskedEmail} callbackURL="/account/security" />;
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A passkey signs you in with your fingerprint, face or device PIN instead of an email. It can&apos;t be phished
        or reused on another site.
      </p>
      {passkeys.length > 0 && (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="passkeys">
          {passkeys.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      )}
      {added && <Alert tone="info">Passkey added. You can sign in with it next time.</Alert>}
      {fresh ? (
        <form method="post" onSubmit={add} className="space-y-4">
          {form.formError}
          <FormField
            label="Name for the new passkey"
            name="name"
            placeholder={suggestedName}
            maxLength={NAME_MAX}
            autoComplete="off"
          />
          <SubmitButton form={form} variant="secondary" pendingLabel="Waiting for your device…">
            Add a passkey
          </SubmitButton>
        </form>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">To add one, confirm it&apos;s you with the sign-in link above.</p>
      )}
    </div>
  );
}

function PasskeyRow({ passkey }: { passkey: PasskeyItem }) {
  const router = useRouter();
  const form = useAuthForm();
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const name = passkey.name || "Passkey";

  async function rename(event: FormEvent<HTMLFormElement>) {
    const { name: newName } = formValues(event);
    const result = await form.run((authClient, fetchOptions) =>
      authClient.$fetch("/passkey/update-passkey", {
        method: "POST",
        body: { id: passkey.id, name: newName.trim() },
        ...fetchOptions,
      }),
    );
    if (result) {
      setMode("view");
      router.refresh();
    }
  }

  async function remove() {
    const result = await form.run((authClient, fetchOptions) =>
      authClient.$fetch("/passkey/delete-passkey", { method: "POST", body: { id: passkey.id }, ...fetchOptions }),
    );
    if (result) router.refresh();
  }

  return (
    <li className="space-y-2 py-3" data-testid="passkey">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="font-medium">{name}</span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {passkey.createdAt ? `Added ${day(passkey.createdAt)}` : "Added"}
          {passkey.backedUp ? " · synced" : ""}
        </span>
      </div>
      {form.formError}
      {mode === "rename" ? (
        <form method="post" onSubmit={rename} className="space-y-3">
          <FormField label={`New name for ${name}`} name="name" defaultValue={passkey.name ?? ""} maxLength={NAME_MAX} required />
          <div className="flex gap-4 text-sm">
            <button type="submit" className={linkClass} disabled={form.pending}>
              Save
            </button>
            <button type="button" className={linkClass} onClick={() => setMode("view")}>
              Cancel
            </button>
          </div>
        </form>
      ) : mode === "delete" ? (
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <span>Delete {name}? It will no longer sign you in.</span>
          <button type="button" className={`${linkClass} text-red-700 dark:text-red-400`} onClick={remove} disabled={form.pending}>
            Delete
          </button>
          <button type="button" className={linkClass} onClick={() => setMode("view")}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="flex gap-4 text-sm">
          <button
            type="button"
            className={linkClass}
            onClick={() => setMode("rename")}
            disabled={!form.hydrated}
            aria-label={`Rename ${name}`}
          >
            Rename
          </button>
          <button
            type="button"
            className={linkClass}
            onClick={() => setMode("delete")}
            disabled={!form.hydrated}
            aria-label={`Delete ${name}`}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
