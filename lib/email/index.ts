import "server-only";
import type { ReactElement } from "react";
import { render } from "@react-email/components";
import { getEnv } from "@/lib/env";
import { storeInMailbox } from "./mailbox";
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

/** Renders a React Email template to HTML and plain text and sends it. Every email goes through here. */
export async function sendEmail({ to, subject, react }: { to: string; subject: string; react: ReactElement }) {
  const [html, text] = await Promise.all([render(react), render(react, { plainText: true })]);
  await currentTransport()({ to, subject, html, text });
}
