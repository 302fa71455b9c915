"use client";

import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { sendsCodes, sendsLinks, type EmailSignInMode } from "@/lib/common/codes";
import { canonicalMailbox, normalizeEmail } from "@/lib/common/email-address";
import { REQUEST_MESSAGES, TOO_MANY_EMAILS } from "@/lib/common/messages";
import type { SocialProvider } from "@/lib/social/providers";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAuthForm, useCountdown } from "@/components/forms/use-auth-form";
import { PasskeySignIn } from "@/components/passkeys/sign-in-button";
import { SocialSignIn } from "@/components/social/sign-in-buttons";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmailField } from "@/components/ui/form-field";
import { buttonClass, linkClass } from "@/components/ui/styles";
import { CodeEntry } from "./code-entry";
import { useSignedInElsewhere } from "./use-signed-in-elsewhere";

interface MagicLinkSignInProps {
  callbackURL: string;
  /** A message for a link that failed, from the ?error= the link came back with. */
  initialError?: string;
  expiresInMinutes: number;
  signUpOpen: boolean;
  /** Whether the app offers passwords (AUTH_PASSWORD) and passkeys (AUTH_PASSKEYS): their links and button. */
  passwords: boolean;
  passkeys: boolean;
  /** What the email carries (EMAIL_SIGN_IN): the wording and the check-email screen follow it. */
  mode: EmailSignInMode;
  /** The configured social sign-in providers: a button each below the email form. */
  socialProviders: SocialProvider[];
  /** The card's title ("Sign in"), the words above the form, and the address it starts with (an invitation's). */
  title?: string;
  intro?: ReactNode;
  defaultEmail?: string;
}

/** What the email holds, in the screen's words. */
const wording: Record<EmailSignInMode, { sent: string; resent: string; lifetime: string; send: string }> = {
  "link-and-code": {
    sent: "a sign-in link and code",
    resent: "We sent a new email. Only the newest link and code work.",
    lifetime: "Open the link on this device, or enter the code here. Each works once and expires in",
    send: "Email me a sign-in link",
  },
  link: {
    sent: "a sign-in link",
    resent: "We sent a new link. Only the newest link works.",
    lifetime: "It works once and expires in",
    send: "Email me a sign-in link",
  },
  code: {
    sent: "a sign-in code",
    resent: "We sent a new code. Only the newest code works.",
    lifetime: "It works once and expires in",
    send: "Email me a sign-in code",
  },
};

/** Seconds before "Send again" works, so a second email is not sent while the first is on its way. */
const RESEND_COOLDOWN_SECONDS = 30;

/** Webmail shortcuts for the address's domain, where we know it. */
const inboxes: Record<string, { name: string; url: string }> = {
  "gmail.com": { name: "Gmail", url: "https://mail.google.com/mail/u/0/#inbox" },
  "googlemail.com": { name: "Gmail", url: "https://mail.google.com/mail/u/0/#inbox" },
  "outlook.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "hotmail.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "live.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "msn.com": { name: "Outlook", url: "https://outlook.live.com/mail/0/inbox" },
  "yahoo.com": { name: "Yahoo Mail", url: "https://mail.yahoo.com" },
  "icloud.com": { name: "iCloud Mail", url: "https://www.icloud.com/mail" },
  "me.com": { name: "iCloud Mail", url: "https://www.icloud.com/mail" },
  "proton.me": { name: "Proton Mail", url: "https://mail.proton.me" },
  "protonmail.com": { name: "Proton Mail", url: "https://mail.proton.me" },
};

/** The inbox an address delivers to, as the per-address limit counts it (null for what is not an address). */
function inboxOf(address: string) {
  const email = normalizeEmail(address);
  return email && canonicalMailbox(email);
}

/**
 * The sign-in page: an address, then "Check your email" with the code field (where codes are sent), a resend
 * that waits RESEND_COOLDOWN_SECONDS, and a shortcut to the address's webmail.
 */
export function MagicLinkSignIn({
  callbackURL,
  initialError,
  expiresInMinutes,
  signUpOpen,
  passwords,
  passkeys,
  mode,
  socialProviders,
  title = "Sign in",
  intro,
  defaultEmail = "",
}: MagicLinkSignInProps) {
  const form = useAuthForm(initialError);
  const [email, setEmail] = useState(defaultEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();
  const [emailsSent, setEmailsSent] = useState(0);
  // An address that has had its sign-in emails for now (429 TOO_MANY_EMAILS), and how long until it may have more:
  // only that address waits; another one can be sent at once.
  const [limitedInbox, setLimitedInbox] = useState<string | null>(null);
  const [inboxWait, startInboxWait] = useCountdown();
  const waitFor = (address: string) => (limitedInbox !== null && inboxOf(address) === limitedInbox ? inboxWait : 0);
  const addressLimitMessage = (address: string) =>
    waitFor(address) > 0 ? REQUEST_MESSAGES.tryAgainIn(waitFor(address), TOO_MANY_EMAILS) : undefined;
  // The link opened in another tab signs this browser in: this tab then goes on too.
  useSignedInElsewhere(callbackURL, sentTo !== null);

  async function send(address: string) {
    setNotice(undefined);
    const result = await form.run(
      (authClient, fetchOptions) =>
        authClient.signIn.magicLink({
          email: address,
          callbackURL,
          // A failed link comes back here, where the error becomes a message and the form is ready again.
          errorCallbackURL: `/sign-in?callbackURL=${encodeURIComponent(callbackURL)}`,
          fetchOptions,
        }),
      {
        onAddressLimit: (seconds) => {
          setLimitedInbox(inboxOf(address));
          startInboxWait(seconds);
        },
      },
    );
    if (result) {
      form.startWait(RESEND_COOLDOWN_SECONDS);
      setEmailsSent((count) => count + 1);
    }
    return result !== null;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await send(email)) setSentTo(email);
  }

  if (sentTo) {
    const inbox = inboxes[sentTo.split("@")[1]?.toLowerCase() ?? ""];
    return (
      <Card
        title="Check your email"
        footer={
          <button
            type="button"
            className={linkClass}
            onClick={() => {
              setSentTo(null);
              setNotice(undefined);
              form.clearFailure();
              // The resend wait is for the address just used: another one may be sent at once.
              form.startWait(0);
            }}
          >
            Try a different email
          </button>
        }
      >
        <p className="mb-4 text-zinc-700 dark:text-zinc-300">
          We sent {wording[mode].sent} to <strong className="text-zinc-900 dark:text-zinc-100">{sentTo}</strong>.{" "}
          {wording[mode].lifetime} {expiresInMinutes} minutes. Check your spam folder if you don&apos;t see it.
        </p>
        {sendsCodes(mode) && (
          <CodeEntry
            // A new email is a new code: the field starts empty again.
            key={emailsSent}
            email={sentTo}
            callbackURL={callbackURL}
            label={sendsLinks(mode) ? "Or enter the code from the email" : "Enter the code from the email"}
          />
        )}
        {/* A form, so the "Try again" of a network failure sends again too. */}
        <form
          method="post"
          className="space-y-3"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await send(sentTo)) setNotice(wording[mode].resent);
          }}
        >
          {form.formError}
          {addressLimitMessage(sentTo) && <Alert>{addressLimitMessage(sentTo)}</Alert>}
          {inbox && (
            <a href={inbox.url} target="_blank" rel="noopener noreferrer" className={`w-full ${buttonClass()}`}>
              Open {inbox.name}
            </a>
          )}
          <SubmitButton form={form} variant="secondary" waiting={waitFor(sentTo) > 0}>
            {form.wait > 0 ? `Send again in ${form.wait} s` : "Send again"}
          </SubmitButton>
          {/* Below the buttons, and always there: the news appears without moving what is under the pointer. */}
          <p role="status" className="min-h-5 text-center text-sm text-zinc-700 dark:text-zinc-300">
            {notice}
          </p>
        </form>
      </Card>
    );
  }

  return (
    <Card
      title={title}
      footer={
        passwords || signUpOpen ? (
          <>
            {passwords && (
              <p>
                <Link className={linkClass} href={`/sign-in/password?callbackURL=${encodeURIComponent(callbackURL)}`}>
                  Use a password instead
                </Link>
              </p>
            )}
            {signUpOpen && passwords && (
              <p>
                New here? Signing in creates your account, or{" "}
                <Link className={linkClass} href="/sign-up">
                  sign up with a password
                </Link>
                .
              </p>
            )}
            {signUpOpen && !passwords && <p>New here? Signing in creates your account.</p>}
          </>
        ) : undefined
      }
    >
      {intro}
      <form method="post" onSubmit={submit} className="space-y-4">
        {form.formError}
        <EmailField
          placeholder="you@example.com"
          // Browsers offer saved passkeys in this field's suggestions (see PasskeySignIn).
          autoComplete={passkeys ? "username webauthn" : "username"}
          value={email}
          error={addressLimitMessage(email) ?? form.fieldError("email")}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SubmitButton form={form} pendingLabel="Sending…" waiting={waitFor(email) > 0}>
          {wording[mode].send}
        </SubmitButton>
      </form>
      <SocialSignIn providers={socialProviders} callbackURL={callbackURL} />
      {passkeys && <PasskeySignIn callbackURL={callbackURL} />}
    </Card>
  );
}
