import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { GenericEndpointContext } from "better-auth";
import ConfirmEmailChangeEmail, { confirmEmailChangeSubject } from "@/emails/confirm-email-change";
import EmailChangedEmail, { emailChangedSubject } from "@/emails/email-changed";
import EmailInUseEmail, { emailInUseSubject } from "@/emails/email-in-use";
import { recordAuditEvent } from "@/lib/audit";
import { APP_NAME } from "@/lib/config";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email";
import { maskEmail } from "@/lib/email-address";
import { getEnv } from "@/lib/env";
import { describeError, logger } from "@/lib/log";
import { retireSignIns } from "@/lib/magic-link";

/**
 * Changing the sign-in email, on better-auth's /change-email and /verify-email: the new address gets a link
 * (to our confirmation page, which uses nothing on GET); the change happens when it is used; the old address
 * then gets a notice. A taken address answers exactly as a free one; its owner is told by email instead.
 */

/** Where a used confirmation link lands: the profile page, which says the address changed (or why not). */
export const EMAIL_CHANGED_URL = "/account?emailChanged=1";

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
 * For emailVerification.sendVerificationEmail: when better-auth sends an email-change link (to the new
 * address), sends ours, pointing at the confirmation page, and returns true. Returns false for sign-up
 * confirmations, which the caller sends as before.
 */
export async function sendEmailChangeLink({ user, url, token }: { user: { email: string }; url: string; token: string }) {
  if (!readEmailChangeToken(token)) return false;
  const link = new URL(url);
  link.pathname = "/email-change/confirm";
  await sendEmail({
    to: user.email,
    subject: confirmEmailChangeSubject(APP_NAME),
    react: ConfirmEmailChangeEmail({ appName: APP_NAME, url: link.toString() }),
  });
  return true;
}

/**
 * Before /change-email: better-auth answers a taken address exactly as a free one (and sends nothing); the
 * owner of the taken address hears of it here.
 */
export async function warnOwnerOfTakenAddress(newEmail: string, requesterId: string) {
  const owner = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (!owner || owner.id === requesterId) return;
  await sendEmail({ to: newEmail, subject: emailInUseSubject(APP_NAME), react: EmailInUseEmail({ appName: APP_NAME }) }).catch(
    (error) => logger.error(`Could not send an address-in-use notice: ${describeError(error)}`),
  );
}

/**
 * databaseHooks.user.update.after: when /verify-email moved an account to its new address, the old address is
 * told (and its unused sign-in links stop working), and the change is logged.
 */
export async function afterEmailChange(user: { id: string; email: string }, ctx: GenericEndpointContext | null) {
  if (ctx?.path !== "/verify-email") return;
  const change = readEmailChangeToken((ctx.query as Record<string, unknown> | undefined)?.token);
  if (!change || change.userId !== user.id || change.updateTo !== user.email) return;
  await retireSignIns(change.email);
  await recordAuditEvent(ctx, { type: "email.changed", userId: user.id, details: { to: maskEmail(user.email) } });
  try {
    await sendEmail({
      to: change.email,
      subject: emailChangedSubject(APP_NAME),
      react: EmailChangedEmail({
        appName: APP_NAME,
        maskedNewEmail: maskEmail(user.email),
        helpUrl: new URL("/", ctx.context.baseURL).toString(),
      }),
    });
  } catch (error) {
    // The change has happened: a lost notice is logged, not shown to the person who made it.
    logger.error(`Could not send an email-changed notice: ${describeError(error)}`);
  }
}
