import "server-only";
import { canonicalMailbox } from "@/lib/common/email-address";
import { SERVER_MESSAGES, TOO_MANY_EMAILS } from "@/lib/common/messages";
import { consumeQuota, forgetQuota, tooManyRequests } from "@/lib/platform/rate-limit";
import { getEnv } from "@/lib/platform/env";

/**
 * The per-address limits of email sign-in, counted in the database (lib/platform/rate-limit.ts) so they hold
 * across instances and from any number of client IPs. (The per-IP limits are better-auth's: lib/auth/index.ts.)
 * The request guard (lib/auth/hooks.ts) spends them before the endpoint runs.
 */

/**
 * Sign-in emails one inbox may be sent per window (MAGIC_LINK_ADDRESS_LIMIT), so nobody can flood it. Links and
 * codes share it: every email is a new code. Counted per mailbox, not per address: "flood+1@" and "flood+2@"
 * land in one inbox, and so share one count.
 */
const emailLimit = () => ({ max: getEnv().MAGIC_LINK_ADDRESS_LIMIT, windowSeconds: 600 });

/**
 * Code checks one address may receive per day, from any number of clients (per address as typed: each is an
 * account of its own, with codes of its own). Each code also dies after
 * CODE_ATTEMPTS wrong tries, but new codes can be asked for: this is the limit that bounds guessing. With 6 digits,
 * an attacker's odds against one address are at most 10 in a million per day (docs/security.md).
 */
const CODE_CHECK_LIMIT = { max: 10, windowSeconds: 24 * 60 * 60 };

const emailQuotaName = (email: string) => `sign-in-emails:${canonicalMailbox(email)}`;
const codeCheckQuotaName = (email: string) => `code-checks:${email}`;

/**
 * Counts one sign-in email to the address; throws 429 TOO_MANY_EMAILS once the address has had its share (a code of
 * its own: the sign-in form holds back that address only, not every address typed after it).
 */
export async function spendSignInEmail(email: string) {
  const retryAfter = await consumeQuota(emailQuotaName(email), emailLimit());
  if (retryAfter != null) throw tooManyRequests(retryAfter, SERVER_MESSAGES.tooManyEmails, TOO_MANY_EMAILS);
}

/** Counts one code check against the address; throws 429 once the address has had its share today. */
export async function spendCodeCheck(email: string) {
  const retryAfter = await consumeQuota(codeCheckQuotaName(email), CODE_CHECK_LIMIT);
  if (retryAfter != null) throw tooManyRequests(retryAfter);
}

/** A deleted account's address starts with a clean slate. */
export async function forgetAddressLimits(email: string) {
  await forgetQuota(emailQuotaName(email));
  await forgetQuota(codeCheckQuotaName(email));
}
