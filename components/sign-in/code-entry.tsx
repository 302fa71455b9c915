"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { INVALID_CODE_MESSAGE, normalizeCode } from "@/lib/common/codes";
import { goOnAfterSignIn } from "@/components/forms/go-on-after-sign-in";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAuthForm } from "@/components/forms/use-auth-form";
import { FormField } from "@/components/ui/form-field";

/**
 * The code from the email, typed or pasted ("123 456" and "123-456" too). It checks itself on the last digit;
 * the button is there for people who expect one. A refused code keeps the focus on the field, whose
 * description says how many tries are left or that a new email is needed.
 */
export function CodeEntry({ email, callbackURL, label }: { email: string; callbackURL: string; label: string }) {
  const router = useRouter();
  const form = useAuthForm();
  const [code, setCode] = useState("");
  const [malformed, setMalformed] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function check(otp: string) {
    const result = await form.run((authClient, fetchOptions) => authClient.signIn.emailOtp({ email, otp, fetchOptions }));
    if (result) goOnAfterSignIn(router, result.data, callbackURL);
    // Back in the field with the wrong code selected: typing replaces it.
    input.current?.focus();
    input.current?.select();
  }

  return (
    <form
      method="post"
      className="mb-6 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const otp = normalizeCode(code);
        setMalformed(!otp);
        if (otp) void check(otp);
        else input.current?.focus();
      }}
    >
      {form.formError}
      <FormField
        ref={input}
        label={label}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        spellCheck={false}
        className="font-mono text-lg tracking-widest"
        value={code}
        readOnly={form.pending}
        error={malformed ? INVALID_CODE_MESSAGE : form.fieldError("code")}
        onChange={(event) => {
          const next = event.target.value;
          const otp = normalizeCode(next);
          setCode(next);
          setMalformed(false);
          // The last digit typed, or a whole code pasted: check it without waiting for the button.
          if (otp && otp !== normalizeCode(code) && !form.blocked && !form.pending) void check(otp);
        }}
      />
      <SubmitButton form={form} pendingLabel="Checking…">
        Sign in with the code
      </SubmitButton>
    </form>
  );
}
