import "server-only";
import { createHash, createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

/**
 * Magic-link tokens as better-auth stores them (storeToken: "hashed"): the verification row's identifier is
 * "magic-link:" + base64url(SHA-256(token)), its value JSON holding the email. A database leak yields no
 * usable link. These helpers read and revoke them without consuming anything.
 *
 * Each magic-link row also carries emailTag (set in lib/auth.ts when better-auth creates it): an HMAC of the
 * address keyed with BETTER_AUTH_SECRET, so revoking an address's links is one indexed lookup. It adds no
 * readable address to the database (the value already holds it, as better-auth writes it). After the secret
 * changes, links sent before are no longer revoked by newer ones; they still expire within minutes.
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

export type MagicLinkStatus = { state: "live"; email: string } | { state: "expired" } | { state: "unknown" };

/**
 * What a link's token is: live (with the address it was sent to), expired, or unknown (used, replaced by a
 * newer link, or never issued: a used link's row is gone, so those cannot be told apart). Looking uses nothing.
 */
export async function magicLinkStatus(token: string | undefined): Promise<MagicLinkStatus> {
  if (!token || token.length > 256) return { state: "unknown" };
  const row = await db.verification.findFirst({ where: { identifier: magicLinkIdentifier(token) } });
  if (!row) return { state: "unknown" };
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

/** Makes every unused link for an address unusable (one live link per address), except `keepId`'s. */
export async function revokeMagicLinks(email: string, keepId?: string) {
  await db.verification.deleteMany({
    where: { emailTag: magicLinkEmailTag(email), ...(keepId ? { NOT: { id: keepId } } : {}) },
  });
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
