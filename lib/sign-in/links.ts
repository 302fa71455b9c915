import "server-only";
import { createHash, createHmac } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { generateRandomString } from "better-auth/crypto";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { CROSS_SITE_LINK_MESSAGE } from "@/lib/common/messages";
import { ENDPOINTS, PAGES } from "@/lib/common/paths";
import { db } from "@/lib/platform/db";
import { getEnv } from "@/lib/platform/env";

/**
 * Sign-in links, as better-auth's magic-link plugin stores them (storeToken: "hashed") in the verification
 * table: identifier "magic-link:" + base64url(SHA-256(token)), its value JSON holding the email, and emailTag
 * (set by tagNewLink when better-auth creates the row): an HMAC of the address keyed with BETTER_AUTH_SECRET, so
 * retiring an address's links is one indexed lookup (lib/sign-in/attempt.ts). After the secret changes, links
 * sent before are no longer retired by newer ones; they still expire within minutes. A database leak yields no
 * usable link. These helpers read links without consuming anything.
 */

const PREFIX = "magic-link:";

/** The query fields a magic link carries, passed on unchanged from the confirmation page to verify. */
export const LINK_FIELDS = ["token", "callbackURL", "newUserCallbackURL", "errorCallbackURL"] as const;

export function magicLinkIdentifier(token: string): string {
  return PREFIX + createHash("sha256").update(token).digest("base64url");
}

export function isMagicLinkIdentifier(identifier: string): boolean {
  return identifier.startsWith(PREFIX);
}

/**
 * A new link's token: 32 random letters (about 182 bits), then "-" and when the link expires (Unix seconds, base
 * 36). better-auth deletes expired rows now and then; the token itself still tells its page it expired rather
 * than was used. Changing the suffix changes the token, so it extends nothing.
 */
export function newMagicLinkToken(lifetimeSeconds: number): string {
  const expiresAt = Math.ceil(Date.now() / 1000) + lifetimeSeconds;
  return `${generateRandomString(32, "a-z", "A-Z")}-${expiresAt.toString(36)}`;
}

function hasExpired(token: string): boolean {
  const suffix = /-([0-9a-z]{1,10})$/.exec(token)?.[1];
  return suffix !== undefined && parseInt(suffix, 36) * 1000 <= Date.now();
}

export type MagicLinkStatus = { state: "live"; email: string } | { state: "expired" } | { state: "unknown" };

/**
 * What a link's token is: live (with the address it was sent to), expired, or unknown (used, replaced by a
 * newer link, or never issued: a used link's row is gone, so those cannot be told apart). Looking uses nothing.
 */
export async function magicLinkStatus(token: string | undefined): Promise<MagicLinkStatus> {
  if (!token || token.length > INPUT_LIMITS.token) return { state: "unknown" };
  const row = await db.verification.findFirst({ where: { identifier: magicLinkIdentifier(token) } });
  if (!row) return { state: hasExpired(token) ? "expired" : "unknown" };
  if (row.expiresAt.getTime() <= Date.now()) return { state: "expired" };
  try {
    const { email } = JSON.parse(row.value) as { email?: unknown };
    return typeof email === "string" ? { state: "live", email } : { state: "unknown" };
  } catch {
    return { state: "unknown" };
  }
}

/** The emailTag of an address's magic-link rows. */
export function magicLinkEmailTag(email: string): string {
  return createHmac("sha256", getEnv().BETTER_AUTH_SECRET).update(`magic-link:${email}`).digest("base64url");
}

/** The address a verification row is a sign-in link for, or null for every other kind of row. */
export function linkEmailOf(verification: { identifier: string; value: string }): string | null {
  if (!isMagicLinkIdentifier(verification.identifier)) return null;
  return (JSON.parse(verification.value) as { email: string }).email;
}

/** databaseHooks.verification.create.before: a new link's row carries its address's tag. */
export async function tagNewLink<T extends { identifier: string; value: string }>(verification: T) {
  const email = linkEmailOf(verification);
  if (email) return { data: { ...verification, emailTag: magicLinkEmailTag(email) } };
}

export async function deleteMagicLink(token: string) {
  await db.verification.deleteMany({ where: { identifier: magicLinkIdentifier(token) } });
}

/**
 * The link people get by email: the confirmation page (app/(auth)/sign-in/confirm), which uses nothing on GET
 * or HEAD, so mail scanners that open every link cannot burn it or sign in with it. Same query as the API's
 * /magic-link/verify URL, which keeps working for clients that call it directly.
 */
export function confirmationUrl(verifyUrl: string): string {
  const url = new URL(verifyUrl);
  url.pathname = PAGES.confirmSignIn;
  return url.toString();
}

/**
 * Where the API's verify sends a link it refuses, as the magic-link plugin does: errorCallbackURL, else
 * callbackURL (both checked by the request guard), with ?error=CODE.
 */
export function linkErrorRedirect(query: Record<string, unknown> | undefined, baseURL: string, code: string): APIError {
  const field = (name: string) => (typeof query?.[name] === "string" && query[name]) || undefined;
  const target = new URL(field("errorCallbackURL") ?? new URL(field("callbackURL") ?? "/", baseURL).toString(), baseURL);
  target.searchParams.set("error", code);
  return new APIError("FOUND", undefined, { location: target.toString() });
}

/**
 * Login CSRF: another site must not sign its visitors in, even to an account of its owner's, by sending them to
 * the API's verify URL with a token from its own inbox. Browsers say where a navigation came from in
 * Sec-Fetch-Site: a link in an email app or a typed address is "none", one of this app's pages "same-origin";
 * anything else is refused, with the words the confirmation page uses. Emailed links open the confirmation page,
 * so people are unaffected; clients that call verify directly send no such header.
 */
export const refuseCrossSiteVerify = createAuthMiddleware(async (ctx) => {
  const site = ctx.request?.headers.get("sec-fetch-site") ?? ctx.headers?.get("sec-fetch-site");
  if (!site || site === "same-origin" || site === "none") return;
  const query = ctx.query as Record<string, unknown> | undefined;
  if (query?.callbackURL || query?.errorCallbackURL) throw linkErrorRedirect(query, ctx.context.baseURL, "CROSS_SITE_REQUEST");
  throw new APIError("FORBIDDEN", { code: "CROSS_SITE_REQUEST", message: CROSS_SITE_LINK_MESSAGE });
});

/** The hooks of the sign-in links: the cross-site refusal above, on the API's verify. */
export const signInLinkHooks = {
  id: "sign-in-links",
  hooks: { before: [{ matcher: (ctx) => ctx.path === ENDPOINTS.verifyLink, handler: refuseCrossSiteVerify }] },
} satisfies BetterAuthPlugin;
