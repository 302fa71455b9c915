import "server-only";
import type { User } from "better-auth";
import DeleteAccountEmail, { deleteAccountSubject } from "@/emails/delete-account";
import { APP_NAME } from "@/lib/config";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email";
import { addressQuotaName, codeCheckQuotaName, retireSignIns } from "@/lib/magic-link";
import { forgetQuota } from "@/lib/rate-limit";

/**
 * Deleting an account, on better-auth's /delete-user: the request emails a link; the link opens a page of ours
 * (opening it deletes nothing, so mail scanners cannot); its button sends /delete-user with the token. Then the
 * user goes, and with them every row that could sign anyone in or that names them.
 */

/** How long the emailed delete link works (user.deleteUser.deleteTokenExpiresIn). */
export const DELETE_LINK_LIFETIME_SECONDS = 60 * 60;

/** better-auth's identifier for a delete-account token (its verification row's value is the user's id). */
export const deleteAccountIdentifier = (token: string) => `delete-account-${token}`;

/** user.deleteUser.sendDeleteAccountVerification: better-auth's URL acts on GET; ours asks first. */
export async function sendDeleteAccountLink({ user, url, token }: { user: User; url: string; token: string }) {
  const link = new URL("/account/delete", new URL(url).origin);
  link.searchParams.set("token", token);
  await sendEmail({
    to: user.email,
    subject: deleteAccountSubject(APP_NAME),
    react: DeleteAccountEmail({ appName: APP_NAME, url: link.toString() }),
  });
}

/**
 * user.deleteUser.beforeDelete: what better-auth does not know about. Its own tables go with the user (sessions,
 * accounts through the foreign keys; the used token by itself).
 */
export async function forgetUser(user: User) {
  await retireSignIns(user.email);
  await db.$transaction([
    // Reset and delete-account tokens carry the user's id as their value.
    db.verification.deleteMany({ where: { value: user.id } }),
    db.auditEvent.deleteMany({ where: { userId: user.id } }),
    db.devEmail.deleteMany({ where: { to: user.email } }),
  ]);
  await forgetQuota(addressQuotaName(user.email));
  await forgetQuota(codeCheckQuotaName(user.email));
}
