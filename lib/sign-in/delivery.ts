import "server-only";
import { APIError } from "better-auth/api";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import NoAccountEmail, { noAccountSubject } from "@/emails/no-account";
import { BRAND } from "@/lib/common/brand";
import { sendsCodes, sendsLinks, type EmailSignInMode } from "@/lib/common/codes";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { db } from "@/lib/platform/db";
import { sendEmail } from "@/lib/platform/email";
import { currentEmailBrand } from "@/lib/platform/email/brand";
import { describeError, logger } from "@/lib/platform/log";
import { openSignInAttempt, retireSignIns } from "./attempt";
import { confirmationUrl, deleteMagicLink } from "./links";

/** One sign-in email: the confirmation page's URL, the code, or both (EMAIL_SIGN_IN). */
export type SignInDelivery = { email: string } & ({ url: string; code?: string } | { url?: undefined; code: string });

export interface SignInDeliveryOptions {
  lifetimeSeconds: number;
  mode: EmailSignInMode;
  signUpDisabled: boolean;
  /** Makes the code that travels beside a link (the config passes emailOTP's createVerificationOTP). */
  createCode: (email: string, headers: Headers | undefined) => Promise<string>;
}

/**
 * Sending sign-in emails: what better-auth's magicLink and emailOTP plugins call once they have stored a link
 * or a code. Every email is a new attempt (lib/sign-in/attempt.ts); one that could not be sent is taken back.
 */
export function signInDelivery({ lifetimeSeconds, mode, signUpDisabled, createCode }: SignInDeliveryOptions) {
  /** The built-in delivery: the React Email template in emails/magic-link.tsx, through sendEmail. */
  async function sendSignInEmail(delivery: SignInDelivery) {
    await sendEmail({
      to: delivery.email,
      subject: magicLinkSubject(BRAND.name),
      react: MagicLinkEmail({ ...delivery, brand: currentEmailBrand(), expiresInMinutes: Math.ceil(lifetimeSeconds / 60) }),
    });
  }

  /**
   * Delivers every sign-in link and code. To send them some other way (another email provider, SMS, a chat
   * message), replace sendSignInEmail here with your own function receiving { email, url?, code? }.
   */
  const deliverSignIn: (delivery: SignInDelivery) => Promise<void> = sendSignInEmail;

  /** Sends what was stored, or takes it back: a link or code that was never delivered must not stay usable. */
  async function deliverOrRetract(email: string, deliver: () => Promise<void>) {
    try {
      await deliver();
    } catch (error) {
      await retireSignIns(email).catch(() => {});
      logger.error(`Could not send a sign-in email: ${describeError(error)}`);
      throw new APIError("SERVICE_UNAVAILABLE", { code: "EMAIL_NOT_SENT", message: SERVER_MESSAGES.emailNotSent });
    }
  }

  return {
    /**
     * POST /sign-in/magic-link: better-auth has stored the link and calls this with the API's verify URL; people
     * get the confirmation page's. In every mode this is the one email of a new attempt: the link, a code made
     * beside it, or (EMAIL_SIGN_IN=code) the code alone, the link being dropped before anyone sees it.
     */
    async sendMagicLink({ email, url, token }: { email: string; url: string; token: string }, request?: { headers?: Headers }) {
      await deliverOrRetract(email, async () => {
        if (signUpDisabled && !(await db.user.findUnique({ where: { email }, select: { id: true } }))) {
          // This link could never sign anyone in: drop it, and say so by email rather than on screen.
          await deleteMagicLink(token);
          await sendEmail({ to: email, subject: noAccountSubject(BRAND.name), react: NoAccountEmail({ brand: currentEmailBrand() }) });
          return;
        }
        if (!sendsLinks(mode)) await deleteMagicLink(token);
        await openSignInAttempt(email, lifetimeSeconds);
        if (!sendsCodes(mode)) return deliverSignIn({ email, url: confirmationUrl(url) });
        // The request's headers: without BETTER_AUTH_URL (development), they are how better-auth knows its own address.
        const code = await createCode(email, request?.headers);
        await deliverSignIn(sendsLinks(mode) ? { email, url: confirmationUrl(url), code } : { email, code });
      });
    },

    /**
     * POST /email-otp/send-verification-otp (type "sign-in"): better-auth has stored a new code; this email holds
     * it alone. It is a new attempt: the links sent before it stop working.
     */
    async sendSignInCode({ email, otp }: { email: string; otp: string }) {
      await deliverOrRetract(email, async () => {
        await retireSignIns(email, { code: true });
        await openSignInAttempt(email, lifetimeSeconds);
        await deliverSignIn({ email, code: otp });
      });
    },
  };
}
