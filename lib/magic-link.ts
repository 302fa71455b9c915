import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { INPUT_LIMITS } from "@/lib/input-limits";

/**
 * Magic-link tokens as better-auth stores them (storeToken: "hashed"): the verification row's identifier is
 * "magic-link:" + base64url(SHA-256(token)), its value JSON holding the email. A database leak yields no
 * usable link. These helpers read and revoke them without consuming anything.
 */

const PREFIX = "magic-link:";

/** The query fields a magic link carries, passed on unchanged from the confirmation page to verify. */
export const LINK_FIELDS = ["token", "callbackURL", "newUserCallbackURL", "errorCallbackURL"] as const;

/** The per-address link counter's name (lib/rate-limit.ts stores it hashed). */
export const addressQuotaName = (email: string) => `magic-link-address:${email}`;

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
  if (!token || token.length > INPUT_LIMITS.token) return { state: "unknown" };
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

/** Makes every unused link for an address unusable (one live link per address), except `keepId`'s. */
export async function revokeMagicLinks(email: string, keepId?: string) {
  await db.verification.deleteMany({
    where: {
      identifier: { startsWith: PREFIX },
      // The value is better-auth's JSON.stringify output; a name cannot fake this fragment (its quotes are escaped).
      value: { contains: `"email":${JSON.stringify(email)}` },
      ...(keepId ? { NOT: { id: keepId } } : {}),
    },
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
