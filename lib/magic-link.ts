import "server-only";
import { createHash, createHmac, randomUUID } from "node:crypto";
import { generateRandomString } from "better-auth/crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { INPUT_LIMITS } from "@/lib/input-limits";
import { CODE_ATTEMPTS } from "@/lib/sign-in-code";

/**
 * What a sign-in email carries, as better-auth stores it in the verification table:
 * - a link (magic-link plugin, storeToken: "hashed"): identifier "magic-link:" + base64url(SHA-256(token)), its
 *   value JSON holding the email, and emailTag (set in lib/auth.ts when better-auth creates the row): an HMAC of
 *   the address keyed with BETTER_AUTH_SECRET, so retiring an address's links is one indexed lookup. After the
 *   secret changes, links sent before are no longer retired by newer ones; they still expire within minutes;
 * - a code (emailOTP plugin, storeOTP: "hashed"): identifier "sign-in-otp-" + email, value
 *   base64url(SHA-256(code)) + ":" + wrong tries so far. A wrong try deletes the row and writes it again with
 *   one more try counted; the code's own expiry is kept.
 * A database leak yields no usable link or code. One email is one sign-in attempt: an "attempt" row (ours) is
 * opened with it, and whichever of its link and code signs in first closes it (see closeSignInAttempt).
 * These helpers read and retire them without consuming anything.
 */

const PREFIX = "magic-link:";
const CODE_PREFIX = "sign-in-otp-";
const ATTEMPT_PREFIX = "sign-in-attempt:";

const codeIdentifier = (email: string) => CODE_PREFIX + email;
const attemptIdentifier = (email: string) => ATTEMPT_PREFIX + email;

/** The query fields a magic link carries, passed on unchanged from the confirmation page to verify. */
export const LINK_FIELDS = ["token", "callbackURL", "newUserCallbackURL", "errorCallbackURL"] as const;

/** The per-address link counter's name (lib/rate-limit.ts stores it hashed). */
export const addressQuotaName = (email: string) => `sign-in-emails:${email}`;
/** The per-address limit on code checks (lib/auth.ts), by the same rule. */
export const codeCheckQuotaName = (email: string) => `code-checks:${email}`;

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

/**
 * Makes every unused link and code for an address unusable, and closes its open attempt: one live sign-in
 * attempt per address. `keep` spares what the attempt being started has already stored (its link, or its code).
 */
export async function retireSignIns(email: string, keep: { linkId?: string; code?: boolean } = {}) {
  await db.verification.deleteMany({
    where: {
      OR: [
        { emailTag: magicLinkEmailTag(email), ...(keep.linkId ? { NOT: { id: keep.linkId } } : {}) },
        { identifier: keep.code ? attemptIdentifier(email) : { in: [attemptIdentifier(email), codeIdentifier(email)] } },
      ],
    },
  });
}

/** Opens the sign-in attempt an email's link and code share. It lives as long as they do. */
export async function openSignInAttempt(email: string, lifetimeSeconds: number) {
  await db.verification.create({
    data: {
      id: randomUUID(),
      identifier: attemptIdentifier(email),
      value: "open",
      expiresAt: new Date(Date.now() + lifetimeSeconds * 1000),
    },
  });
}

/**
 * Closes the address's open attempt; true for the one sign-in that does. A link and a code from one email are
 * separate rows, each used atomically: without this gate, both used at the same instant would both sign in.
 * One conditional delete decides, on SQLite and PostgreSQL alike.
 */
export async function closeSignInAttempt(email: string): Promise<boolean> {
  const { count } = await db.verification.deleteMany({ where: { identifier: attemptIdentifier(email) } });
  return count > 0;
}

/** Tries the address's code has left (0 once it is used up, expired, replaced or was never sent). */
export async function codeTriesLeft(email: string): Promise<number> {
  const row = await db.verification.findFirst({
    where: { identifier: codeIdentifier(email) },
    orderBy: { createdAt: "desc" },
  });
  if (!row || row.expiresAt.getTime() <= Date.now()) return 0;
  const used = Number(row.value.slice(row.value.lastIndexOf(":") + 1));
  return Number.isInteger(used) ? Math.max(0, CODE_ATTEMPTS - used) : 0;
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
  url.pathname = "/sign-in/confirm";
  return url.toString();
}
