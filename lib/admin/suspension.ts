import "server-only";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { normalizeEmail } from "@/lib/common/email-address";
import { ACCOUNT_SUSPENDED_MESSAGE } from "@/lib/common/messages";
import { db } from "@/lib/platform/db";

/**
 * Suspension, on better-auth's ban: banning deletes every session of the user, and its session create hook refuses
 * a new one (a link, a code, a password, a passkey, a provider), answering BANNED_USER with ACCOUNT_SUSPENDED_MESSAGE.
 * What that hook cannot do, this file does: refuse to send a suspended account a link or code (the emailOTP plugin
 * stores a new code before sending it, so a refusal after the fact would still replace the old one).
 */

export const SUSPENDED = { code: "ACCOUNT_SUSPENDED", message: ACCOUNT_SUSPENDED_MESSAGE } as const;

/** A ban that still holds: set, and without an expiry or with one still ahead. */
export const isSuspended = (user: { banned?: boolean | null; banExpires?: Date | null }) =>
  user.banned === true && (!user.banExpires || user.banExpires.getTime() > Date.now());

/** Before a link or code is sent: a suspended account gets neither, and is told why. */
export const refuseSuspendedSignInEmail = createAuthMiddleware(async (ctx) => {
  const email = normalizeEmail((ctx.body as { email?: unknown } | undefined)?.email);
  if (!email) return;
  const user = await db.user.findUnique({ where: { email }, select: { banned: true, banExpires: true } });
  if (user && isSuspended(user)) throw APIError.from("FORBIDDEN", SUSPENDED);
});
