import "server-only";
import { Resend } from "resend";
import type { RenderedEmail } from "./index";

export class EmailDeliveryError extends Error {
  override name = "EmailDeliveryError";
}

/** Sends through Resend (https://resend.com). RESEND_BASE_URL, read by the SDK, points it elsewhere. */
export function resendTransport({ apiKey, from }: { apiKey: string; from: string }) {
  const resend = new Resend(apiKey);
  return async function sendWithResend(email: RenderedEmail) {
    // The SDK reports API errors in its result instead of throwing them.
    const { error } = await resend.emails.send({ from, ...email });
    if (error) {
      throw new EmailDeliveryError(`Resend did not accept the email to ${email.to}: ${error.message} (${error.name})`);
    }
  };
}
