import "server-only";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { normalizeEmail } from "@/lib/common/email-address";
import { ACCOUNT_SUSPENDED_MESSAGE } from "@/lib/common/messages";
import { db } from "@/lib/platform/db";
import { linkErrorRedirect, magicLinkStatus } from "@/lib/sign-in/links";

/**
 * Suspension, on better-auth's ban: banning deletes every session of the user, and its session create hook refuses
 * a new one (a link, a code, a password, a passkey, a provider), answering BANNED_USER with ACCOUNT_SUSPENDED_MESSAGE.
 * What that hook cannot do, this file does: refuse to send a suspended account a link or code (the emailOTP plugin
 * stores a new code before sending it, so a refusal after the fact would still replace the old one).
 */

const SUSPENDED = { code: "ACCOUNT_SUSPENDED", message: ACCOUNT_SUSPENDED_MESSAGE } as const;

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

/**
 * Before an emailed link is used (GET /magic-link/verify, which the confirmation page's button calls too): a
 * suspended account's link is refused where the link's other errors go (errorCallbackURL, else callbackURL, with
 * ?error=BANNED_USER), so a browser lands on a page that says it; without either, the API answers 403 JSON. The
 * link is left unused: it works again if the suspension is lifted before it expires.
 */
export const refuseSuspendedLink = createAuthMiddleware(async (ctx) => {
  const query = ctx.query as Record<string, unknown> | undefined;
  const link = await magicLinkStatus(typeof query?.token === "string" ? query.token : undefined);
  if (link.state !== "live") return;
  const user = await db.user.findUnique({ where: { email: link.email }, select: { banned: true, banExpires: true } });
  if (!user || !isSuspended(user)) return;
  if (query?.callbackURL || query?.errorCallbackURL) throw linkErrorRedirect(query, ctx.context.baseURL, "BANNED_USER");
  throw APIError.from("FORBIDDEN", { code: "BANNED_USER", message: ACCOUNT_SUSPENDED_MESSAGE });
});
