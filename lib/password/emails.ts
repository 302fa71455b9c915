import "server-only";
import { tryGetCurrentAuthEndpointContext } from "@better-auth/core/context";
import type { GenericEndpointContext, User } from "better-auth";
import AccountExistsEmail, { accountExistsSubject } from "@/emails/account-exists";
import PasswordChangedEmail, { passwordChangedSubject, type PasswordChange } from "@/emails/password-changed";
import ResetPasswordEmail, { resetPasswordSubject } from "@/emails/reset-password";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { recordActivity } from "@/lib/activity";
import { BRAND } from "@/lib/common/brand";
import { canonicalMailbox } from "@/lib/common/email-address";
import { PAGES } from "@/lib/common/paths";
import { afterAnswer } from "@/lib/platform/background";
import { sendEmail } from "@/lib/platform/email";
import { currentEmailBrand } from "@/lib/platform/email/brand";
import { getEnv } from "@/lib/platform/env";
import { describeError, logger } from "@/lib/platform/log";
import { consumeQuota } from "@/lib/platform/rate-limit";

/**
 * The password fallback's emails, on better-auth's emailAndPassword and emailVerification: reset links, the
 * sign-up confirmation, the notice to an address that signed up again, and the notice of every password change.
 * The first three answer requests that must look the same with or without an account: they are sent after the
 * answer (lib/platform/background.ts), so neither their time nor a provider's outage shows in it; their brand
 * (the logo's address) is read before, while the request is known. From any number of clients, one inbox gets at
 * most MAGIC_LINK_ADDRESS_LIMIT of them per 10 minutes, as for sign-in emails; past that, the answer stays the same
 * and the email is not sent.
 */

/** Sends one of the three emails above unless the inbox has had its share: the answer is written already either way. */
function sendWithinInboxLimit(to: string, send: () => Promise<unknown>) {
  afterAnswer(async () => {
    const limit = { max: getEnv().MAGIC_LINK_ADDRESS_LIMIT, windowSeconds: 600 };
    if ((await consumeQuota(`password-emails:${canonicalMailbox(to)}`, limit)) != null) {
      logger.warn("A password email was not sent: its inbox has had its share for now");
      return;
    }
    await send();
  });
}

/** emailAndPassword.sendResetPassword. */
export async function sendResetPasswordEmail({ user, url }: { user: User; url: string }) {
  const brand = currentEmailBrand();
  sendWithinInboxLimit(user.email, () =>
    sendEmail({ to: user.email, subject: resetPasswordSubject(BRAND.name), react: ResetPasswordEmail({ brand, url }) }),
  );
}

/** emailAndPassword.onExistingUserSignUp: sign-up answers as for a new address; the owner gets this instead. */
export async function sendAccountExistsEmail(user: User, appUrl: string | undefined) {
  const signInUrl = new URL(PAGES.signIn, appUrl).toString();
  const brand = currentEmailBrand();
  sendWithinInboxLimit(user.email, () =>
    sendEmail({ to: user.email, subject: accountExistsSubject(BRAND.name), react: AccountExistsEmail({ brand, signInUrl }) }),
  );
}

/** The confirmation link of a password sign-up: unless the client asked for somewhere else, it lands on the password sign-in page. */
export async function sendSignUpConfirmation({ user, url }: { user: User; url: string }) {
  const link = new URL(url);
  if ((link.searchParams.get("callbackURL") ?? "/") === "/") link.searchParams.set("callbackURL", PAGES.verified);
  const brand = currentEmailBrand();
  sendWithinInboxLimit(user.email, () =>
    sendEmail({ to: user.email, subject: verifyEmailSubject(BRAND.name), react: VerifyEmail({ brand, url: link.toString() }) }),
  );
}

/** Tells the owner their password was set, changed or reset, with the way to reset it if that was not them. */
export async function sendPasswordNotice(ctx: GenericEndpointContext, email: string, change: PasswordChange) {
  const resetUrl = new URL(PAGES.forgotPassword, ctx.context.baseURL).toString();
  try {
    await sendEmail({
      to: email,
      subject: passwordChangedSubject(BRAND.name, change),
      react: PasswordChangedEmail({ brand: currentEmailBrand(), change, resetUrl }),
    });
  } catch (error) {
    // The password has changed already: a lost notice must not turn that into an error on screen.
    logger.error(`Could not send a password notice: ${describeError(error)}`);
  }
}

/**
 * emailAndPassword.onPasswordReset: a reset link set a new password. It is logged, and the owner told by email.
 * (better-auth writes the password with an update of many rows, whose database hook is given a count, not the
 * account: this callback is the one that knows the user.)
 */
export async function afterPasswordReset({ user }: { user: User }) {
  const ctx = tryGetCurrentAuthEndpointContext() as GenericEndpointContext | undefined;
  await recordActivity(ctx, { type: "password.reset", userId: user.id });
  if (ctx) await sendPasswordNotice(ctx, user.email, "reset");
}
