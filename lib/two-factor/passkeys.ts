import "server-only";
import { passkey } from "@better-auth/passkey";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";
import { BRAND } from "@/lib/common/brand";
import { db } from "@/lib/platform/db";

/**
 * Passkeys (WebAuthn). The relying party is this app's host (BETTER_AUTH_URL; localhost in development), and
 * only passkeys that verify their user (a fingerprint, face or PIN) are accepted, for sign-in and registration.
 * A passkey sign-in is complete by itself: the device and the person's verification on it are two factors.
 */
export function passkeys(baseURL: string | undefined) {
  return passkey({
    rpName: BRAND.name,
    ...(baseURL ? { rpID: new URL(baseURL).hostname, origin: new URL(baseURL).origin } : {}),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    authentication: {
      afterVerification: async ({ verification }) => {
        if (!verification.authenticationInfo.userVerified) {
          throw APIError.from("UNAUTHORIZED", {
            code: "USER_NOT_VERIFIED",
            message: "This passkey did not verify you (no fingerprint, face or PIN). Use another sign-in method.",
          });
        }
      },
    },
  });
}

/**
 * Before /passkey/generate-register-options: the account a new passkey is for, as the device shows it (in
 * autofill, in its passkey manager), is the email address. better-auth would show the passkey's own label
 * ("Chrome on macOS"), which it takes from the same field.
 */
export const nameNewPasskeysAfterTheAccount = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (session) return { context: { query: { ...ctx.query, name: session.user.email } } };
});

/** A user's passkeys for the security page, oldest first. */
export async function listPasskeys(userId: string) {
  const rows = await db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt?.toISOString() ?? null }));
}
