import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { GenericEndpointContext } from "better-auth";
import { BASE_ERROR_CODES } from "@better-auth/core/error";
import { appendQueryParams } from "@better-auth/core/utils/url";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";
import ConfirmEmailChangeEmail, { confirmEmailChangeSubject } from "@/emails/confirm-email-change";
import EmailChangedEmail, { emailChangedSubject } from "@/emails/email-changed";
import EmailInUseEmail, { emailInUseSubject } from "@/emails/email-in-use";
import { recordActivity } from "@/lib/activity";
import { BRAND } from "@/lib/common/brand";
import { INVALID_EMAIL_MESSAGE, maskEmail, normalizeEmail } from "@/lib/common/email-address";
import { ENDPOINTS, PAGES } from "@/lib/common/paths";
import { afterAnswer } from "@/lib/platform/background";
import { db } from "@/lib/platform/db";
import { sendEmail } from "@/lib/platform/email";
import { currentEmailBrand } from "@/lib/platform/email/brand";
import { getEnv } from "@/lib/platform/env";
import { describeError, logger } from "@/lib/platform/log";
import { retireSignIns } from "@/lib/sign-in/attempt";
import { attachEmailChangeLink, endEmailChange, isPendingEmailChangeLink, startEmailChange } from "./pending-email-change";

/**
 * Changing the sign-in email, on better-auth's /change-email and /verify-email: the new address gets a link
 * (to our confirmation page, which uses nothing on GET); the change happens when it is used; the old address
 * then gets a notice. A taken address answers exactly as a free one; its owner is told by email instead.
 * Only the newest request's link works (lib/account/pending-email-change.ts).
 */

export interface EmailChangeToken {
  /** The account's address when the change was asked for. */
  email: string;
  updateTo: string;
  userId: string;
  expiresAt: Date;
}

/**
 * The claims of better-auth's email-change token (an HS256 JWT signed with BETTER_AUTH_SECRET), if its
 * signature holds; null for anything else. Reading it uses nothing: /verify-email checks it again when used.
 */
export function readEmailChangeToken(token: unknown): EmailChangeToken | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", getEnv().BETTER_AUTH_SECRET).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const { email, updateTo, userId, exp, requestType } = claims;
    if (requestType !== "change-email-verification") return null;
    if (typeof email !== "string" || typeof updateTo !== "string" || typeof userId !== "string" || typeof exp !== "number") {
      return null;
    }
    return { email, updateTo, userId, expiresAt: new Date(exp * 1000) };
  } catch {
    return null;
  }
}

/**
 * The change an emailed link asks for, if it can still be made: the link is signed, unexpired, the newest request's
 * (not replaced or cancelled), and its account still has the address it had when the change was asked for.
 */
export async function usableEmailChange(token: unknown): Promise<EmailChangeToken | null> {
  const change = readEmailChangeToken(token);
  if (!change || change.expiresAt <= new Date()) return null;
  if (!(await isPendingEmailChangeLink(change, token as string))) return null;
  const user = await db.user.findUnique({ where: { id: change.userId }, select: { email: true } });
  return user?.email === change.email ? change : null;
}

/**
 * For emailVerification.sendVerificationEmail: when better-auth sends an email-change link (to the new
 * address), sends ours, pointing at the confirmation page, and returns true. Returns false for sign-up
 * confirmations, which the caller sends as before.
 */
export async function sendEmailChangeLink({ user, url, token }: { user: { email: string }; url: string; token: string }) {
  const change = readEmailChangeToken(token);
  if (!change) return false;
  // A request replaced or cancelled while this one was being answered: its link would not work.
  if (!(await attachEmailChangeLink(change, token))) return true;
  const link = new URL(url);
  link.pathname = PAGES.confirmEmailChange;
  // After the answer, as the notice to a taken address's owner: the answer must not tell the two apart. The brand
  // is read now, while the request (and so the app's address) is known.
  const brand = currentEmailBrand();
  afterAnswer(() =>
    sendEmail({
      to: user.email,
      subject: confirmEmailChangeSubject(BRAND.name),
      react: ConfirmEmailChangeEmail({ brand, url: link.toString() }),
    }),
  );
  return true;
}

/**
 * Before /change-email: better-auth answers a taken address exactly as a free one (and sends nothing); the
 * owner of the taken address hears of it here, after the answer.
 */
export async function warnOwnerOfTakenAddress(newEmail: string, requesterId: string) {
  const owner = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (!owner || owner.id === requesterId) return;
  const brand = currentEmailBrand();
  afterAnswer(() => sendEmail({ to: newEmail, subject: emailInUseSubject(BRAND.name), react: EmailInUseEmail({ brand }) }));
}

/**
 * databaseHooks.user.update.after: when /verify-email moved an account to its new address, the old address is
 * told (and its unused sign-in links stop working), and the change is logged.
 */
export async function afterEmailChange(user: { id: string; email: string }, ctx: GenericEndpointContext | null) {
  if (ctx?.path !== ENDPOINTS.verifyEmail) return;
  const change = readEmailChangeToken((ctx.query as Record<string, unknown> | undefined)?.token);
  if (!change || change.userId !== user.id || change.updateTo !== user.email) return;
  await endEmailChange(user.id);
  await retireSignIns(change.email);
  await recordActivity(ctx, { type: "email.changed", userId: user.id, details: { to: user.email } });
  try {
    await sendEmail({
      to: change.email,
      subject: emailChangedSubject(BRAND.name),
      react: EmailChangedEmail({
        brand: currentEmailBrand(),
        maskedNewEmail: maskEmail(user.email),
        helpUrl: new URL("/", ctx.context.baseURL).toString(),
      }),
    });
  } catch (error) {
    // The change has happened: a lost notice is logged, not shown to the person who made it.
    logger.error(`Could not send an email-changed notice: ${describeError(error)}`);
  }
}

/**
 * Before /change-email: one normalised address (not the current one), its owner warned if taken, landing on the
 * profile; the request becomes the account's pending change, retiring the link of any earlier one.
 */
export const guardEmailChange = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const newEmail = normalizeEmail(body.newEmail);
  if (!newEmail) throw APIError.from("BAD_REQUEST", { code: "INVALID_EMAIL", message: INVALID_EMAIL_MESSAGE });
  const session = await getAuthoritativeSessionFromCtx(ctx);
  // No session: the endpoint itself answers 401.
  if (!session) return;
  if (newEmail === session.user.email) {
    throw APIError.from("BAD_REQUEST", { code: "EMAIL_IS_THE_SAME", message: "That is already your sign-in email." });
  }
  await warnOwnerOfTakenAddress(newEmail, session.user.id);
  await startEmailChange(session.user.id, newEmail);
  return { context: { body: { newEmail, callbackURL: PAGES.emailChanged } } };
});

/**
 * Before /verify-email (the API's GET, and our confirmation page's POST, which calls it): an email-change link
 * that is not the account's pending one (an older request's, or a cancelled one) is refused as better-auth
 * refuses a bad token: to callbackURL?error=INVALID_TOKEN, or 401 without one. An untrusted callbackURL gets
 * better-auth's own 403. Other tokens (sign-up confirmations, expired or forged links) are left to better-auth.
 */
export const refuseReplacedEmailChangeLink = createAuthMiddleware(async (ctx) => {
  const { token, callbackURL } = (ctx.query ?? {}) as Record<string, unknown>;
  const change = readEmailChangeToken(token);
  if (!change || change.expiresAt <= new Date() || (await isPendingEmailChangeLink(change, token as string))) return;
  if (typeof callbackURL === "string" && callbackURL) {
    if (!ctx.context.isTrustedOrigin(callbackURL, { allowRelativePaths: true })) {
      throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.INVALID_CALLBACK_URL);
    }
    throw ctx.redirect(appendQueryParams(callbackURL, new URLSearchParams({ error: BASE_ERROR_CODES.INVALID_TOKEN.code })));
  }
  throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_TOKEN);
});
