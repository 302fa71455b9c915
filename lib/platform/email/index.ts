import "server-only";
import type { ReactElement } from "react";
import { getEnv } from "@/lib/platform/env";
import { storeInMailbox } from "./mailbox";
import { renderEmail } from "./render";
import { resendTransport } from "./resend";

export interface RenderedEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

type Transport = (email: RenderedEmail) => Promise<void>;

let transport: Transport | undefined;

function currentTransport(): Transport {
  if (!transport) {
    const env = getEnv();
    transport =
      env.MAIL_TRANSPORT === "resend"
        ? // getEnv() has already required both for the resend transport.
          resendTransport({ apiKey: env.RESEND_API_KEY!, from: env.EMAIL_FROM! })
        : storeInMailbox;
  }
  return transport;
}

/** How long a send may take before it counts as failed: a hung provider must not hang the request. */
const SEND_TIMEOUT_MS = 10_000;

/** Renders a React Email template to HTML and plain text and sends it. Every email goes through here. */
export async function sendEmail({ to, subject, react }: { to: string; subject: string; react: ReactElement }) {
  const { html, text } = await renderEmail(react);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Sending to ${to} took longer than ${SEND_TIMEOUT_MS / 1000} s`)), SEND_TIMEOUT_MS);
  });
  try {
    await Promise.race([currentTransport()({ to, subject, html, text }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
