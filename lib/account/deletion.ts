import "server-only";
import type { User } from "better-auth";
import DeleteAccountEmail, { deleteAccountSubject } from "@/emails/delete-account";
import { BRAND } from "@/lib/common/brand";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { PAGES } from "@/lib/common/paths";
import { db } from "@/lib/platform/db";
import { sendEmail } from "@/lib/platform/email";
import { currentEmailBrand } from "@/lib/platform/email/brand";
import { retireSignIns } from "@/lib/sign-in/attempt";
import { forgetAddressLimits } from "@/lib/sign-in/limits";
import { endEmailChange } from "./pending-email-change";

/**
 * Deleting an account, on better-auth's /delete-user: the request emails a link; the link opens a page of ours
 * (opening it deletes nothing, so mail scanners cannot); its button sends /delete-user with the token. Then the
 * user goes, and with them every row that could sign anyone in or that names them.
 */

/** How long the emailed delete link works (user.deleteUser.deleteTokenExpiresIn). */
export const DELETE_LINK_LIFETIME_SECONDS = 60 * 60;

/** better-auth's identifier for a delete-account token (its verification row's value is the user's id). */
const deleteAccountIdentifier = (token: string) => `delete-account-${token}`;

/**
 * user.deleteUser.sendDeleteAccountVerification: better-auth's URL acts on GET; ours asks first. `passwords`: whether
 * the app offers them (AUTH_PASSWORD), for the email's advice.
 */
export async function sendDeleteAccountLink(
  { user, url, token }: { user: User; url: string; token: string },
  { passwords }: { passwords: boolean },
) {
  const link = new URL(PAGES.deleteAccount, new URL(url).origin);
  link.searchParams.set("token", token);
  await sendEmail({
    to: user.email,
    subject: deleteAccountSubject(BRAND.name),
    react: DeleteAccountEmail({ brand: currentEmailBrand(), url: link.toString(), passwords }),
  });
}

/**
 * user.deleteUser.beforeDelete: what better-auth does not know about. Its own tables go with the user (sessions,
 * accounts through the foreign keys; the used token by itself).
 */
export async function forgetUser(user: User) {
  await retireSignIns(user.email);
  await endEmailChange(user.id);
  await db.$transaction([
    // Reset and delete-account tokens carry the user's id as their value.
    db.verification.deleteMany({ where: { value: user.id } }),
    db.activityEvent.deleteMany({ where: { userId: user.id } }),
    db.devEmail.deleteMany({ where: { to: user.email } }),
  ]);
  await forgetAddressLimits(user.email);
}

/** Whether an emailed delete link can still delete this user's account (its page asks before the button does). */
export async function isLiveDeleteLink(token: unknown, userId: string) {
  if (typeof token !== "string" || token.length > INPUT_LIMITS.token) return false;
  const row = await db.verification.findFirst({
    where: { identifier: deleteAccountIdentifier(token) },
    orderBy: { createdAt: "desc" },
  });
  return row?.value === userId && row.expiresAt > new Date();
}
