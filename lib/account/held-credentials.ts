import "server-only";
import { db } from "@/lib/platform/db";

/**
 * What an account holds besides its email address: a password, passkeys, a second factor. Read from the database,
 * not through better-auth, so the Security page knows it also when AUTH_PASSWORD, AUTH_PASSKEYS or AUTH_TWO_FACTOR
 * has switched the feature off (its endpoints are gone then) and can tell the owner what changed.
 */
export async function heldCredentials(userId: string) {
  const [password, passkeys, user] = await Promise.all([
    db.account.count({ where: { userId, providerId: "credential", password: { not: null } } }),
    db.passkey.count({ where: { userId } }),
    db.user.findUnique({ where: { id: userId }, select: { twoFactorEnabled: true } }),
  ]);
  return { password: password > 0, passkeys, twoFactor: user?.twoFactorEnabled === true };
}
