import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createAuthEndpoint } from "better-auth/api";
import { recordActivity } from "@/lib/activity";
import { ENDPOINTS } from "@/lib/common/paths";
import { db } from "@/lib/platform/db";
import { requireSession } from "./fresh-sign-in";

/**
 * One live email-change link per account: the newest request's. better-auth's links are signed tokens that work
 * until they expire, so without this an earlier request's link (to a mistyped address, say) would still move the
 * account there, session or not. Each request replaces the account's pending change: one verification row,
 * identifier "email-change:<userId>", holding the new address and a hash of the one link sent for it.
 * /verify-email accepts only that link; using it, cancelling, or asking again ends the pending change.
 */

/** better-auth's emailVerification.expiresIn (its default, which lib/auth/index.ts keeps): a link's lifetime. */
const LINK_LIFETIME_SECONDS = 60 * 60;

export interface PendingEmailChange {
  newEmail: string;
  expiresAt: Date;
}

const identifierOf = (userId: string) => `email-change:${userId}`;
const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");
/** The row's value: the same address and hash always give the same text, so an update can match on it. */
const valueOf = (newEmail: string, linkHash: string | null) => JSON.stringify({ newEmail, linkHash });

function parseValue(value: string): { newEmail: string; linkHash: string | null } | null {
  try {
    const parsed = JSON.parse(value) as { newEmail?: unknown; linkHash?: unknown };
    if (typeof parsed.newEmail !== "string") return null;
    return { newEmail: parsed.newEmail, linkHash: typeof parsed.linkHash === "string" ? parsed.linkHash : null };
  } catch {
    return null;
  }
}

async function findPending(userId: string) {
  const row = await db.verification.findFirst({ where: { identifier: identifierOf(userId) }, orderBy: { createdAt: "desc" } });
  const value = row && parseValue(row.value);
  return row && value ? { ...value, expiresAt: row.expiresAt } : null;
}

/**
 * A new request (before /change-email sends anything) replaces the pending one, whose link stops working. A
 * taken address is recorded too, with no link: the account area shows it exactly as it shows a free one.
 */
export async function startEmailChange(userId: string, newEmail: string) {
  await db.$transaction([
    db.verification.deleteMany({ where: { identifier: identifierOf(userId) } }),
    db.verification.create({
      data: {
        id: randomUUID(),
        identifier: identifierOf(userId),
        value: valueOf(newEmail, null),
        expiresAt: new Date(Date.now() + LINK_LIFETIME_SECONDS * 1000),
      },
    }),
  ]);
}

/**
 * Ties the link about to be emailed to its request; false when that request has been replaced or cancelled in
 * the meantime (its link would not work, so it is not sent). One conditional update decides.
 */
export async function attachEmailChangeLink(change: { userId: string; updateTo: string; expiresAt: Date }, token: string) {
  const { count } = await db.verification.updateMany({
    where: { identifier: identifierOf(change.userId), value: valueOf(change.updateTo, null) },
    data: { value: valueOf(change.updateTo, hashOf(token)), expiresAt: change.expiresAt },
  });
  return count > 0;
}

/** Whether a link is the one sent for the account's pending change (an older or cancelled one is not). */
export async function isPendingEmailChangeLink(change: { userId: string; updateTo: string }, token: string) {
  const pending = await findPending(change.userId);
  return pending?.newEmail === change.updateTo && pending.linkHash === hashOf(token);
}

/** Ends the account's pending change, if any (used, cancelled, or the account deleted); returns it. */
export async function endEmailChange(userId: string): Promise<PendingEmailChange | null> {
  const pending = await findPending(userId);
  await db.verification.deleteMany({ where: { identifier: identifierOf(userId) } });
  return pending && { newEmail: pending.newEmail, expiresAt: pending.expiresAt };
}

/** The change the account area shows as waiting for its link: the newest request, while its link can work. */
export async function pendingEmailChange(userId: string): Promise<PendingEmailChange | null> {
  const pending = await findPending(userId);
  return pending && pending.expiresAt > new Date() ? { newEmail: pending.newEmail, expiresAt: pending.expiresAt } : null;
}

/** POST /account/cancel-email-change: ends the signed-in user's own pending change; its link stops working. */
export const cancelEmailChange = createAuthEndpoint(
  ENDPOINTS.accountCancelEmailChange,
  { method: "POST", requireHeaders: true },
  async (ctx) => {
    const { user } = await requireSession(ctx, { fresh: false });
    const cancelled = await endEmailChange(user.id);
    if (cancelled && cancelled.expiresAt > new Date()) {
      await recordActivity(ctx, { type: "email.change_cancelled", userId: user.id, details: { to: cancelled.newEmail } });
    }
    return ctx.json({ status: true });
  },
);
