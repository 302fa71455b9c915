import "server-only";
import { randomUUID } from "node:crypto";
import type { GenericEndpointContext } from "better-auth";
import { APIError } from "better-auth/api";
import { ENDPOINTS } from "@/lib/common/paths";
import { CODE_NO_LONGER_WORKS } from "@/lib/common/messages";
import { db } from "@/lib/platform/db";
import { linkEmailOf, linkErrorRedirect, magicLinkEmailTag } from "./links";

/**
 * One live sign-in attempt per address, and one sign-in per attempt: the whole rule is in this file.
 * - One email is one attempt. Sending it opens an "attempt" row (ours, in the verification table) and retires
 *   every unused link and code sent before it (retireSignIns: from the link's row being created, and from
 *   delivery when a code is sent alone).
 * - Whichever of an email's link and code reaches account or session creation first closes the attempt
 *   (admitOneCredential, from the user and session create hooks); the other is refused as used, however close
 *   behind.
 * - Signing in by any method, changing the address, or deleting the account retires what is still waiting.
 * Codes are better-auth's emailOTP rows: identifier "sign-in-otp-" + email (lib/sign-in/codes.ts reads them).
 */

const CODE_PREFIX = "sign-in-otp-";
const ATTEMPT_PREFIX = "sign-in-attempt:";

export const codeIdentifier = (email: string) => CODE_PREFIX + email;
const attemptIdentifier = (email: string) => ATTEMPT_PREFIX + email;

/**
 * Makes every unused link and code for an address unusable, and closes its open attempt. `keep` spares what
 * the attempt being started has already stored (its link, or its code).
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

/**
 * databaseHooks.verification.create.after: a new link makes the earlier unused links and codes invalid. (A code
 * row written again after a wrong try is not a new attempt, and the code made beside this link comes after it:
 * neither retires anything.)
 */
export async function retireOlderSignIns(verification: { id: string; identifier: string; value: string }) {
  const email = linkEmailOf(verification);
  if (email) await retireSignIns(email, { linkId: verification.id });
}

/**
 * The gate between an email's link and its code: the first of them to reach account creation or session
 * creation closes the attempt; the other is then refused as used. Other sign-ins (password, server calls) pass.
 * A request that closed the attempt (creating the account, then its session) passes again.
 */
const closedAttempts = new WeakSet<object>();
export async function admitOneCredential(email: string, endpoint: GenericEndpointContext | null) {
  const path = endpoint?.path;
  if (!endpoint || (path !== ENDPOINTS.verifyLink && path !== ENDPOINTS.signInWithCode) || closedAttempts.has(endpoint)) return;
  if (await closeSignInAttempt(email)) {
    closedAttempts.add(endpoint);
    return;
  }
  if (path === ENDPOINTS.signInWithCode) {
    throw new APIError("BAD_REQUEST", { code: "INVALID_OTP", message: CODE_NO_LONGER_WORKS });
  }
  // As the magic-link plugin answers a used link.
  throw linkErrorRedirect(endpoint.query as Record<string, unknown> | undefined, endpoint.context.baseURL, "INVALID_TOKEN");
}

/**
 * The address of the user a session is being created for. The session hooks before and after creating it both
 * need it; they share the endpoint's context, so it is read from the database once per session: the hook before
 * keeps it, the hook after (`last`) takes it.
 */
const sessionUserEmails = new WeakMap<object, { userId: string; email: Promise<string | null> }>();
function sessionUserEmail(userId: string, ctx: GenericEndpointContext | null, { last = false } = {}) {
  const cached = ctx ? sessionUserEmails.get(ctx) : undefined;
  if (ctx && last) sessionUserEmails.delete(ctx);
  if (cached?.userId === userId) return cached.email;
  const email = db.user
    .findUnique({ where: { id: userId }, select: { email: true } })
    .then((user) => user?.email ?? null);
  if (ctx && !last) sessionUserEmails.set(ctx, { userId, email });
  return email;
}

/** databaseHooks.session.create.before: only one of an email's link and code may create a session. */
export async function admitSession(session: { userId: string }, ctx: GenericEndpointContext | null) {
  const email = await sessionUserEmail(session.userId, ctx);
  if (email) await admitOneCredential(email, ctx);
}

/** databaseHooks.session.create.after: signing in by any method retires the links and codes still in the inbox. */
export async function retireAfterSignIn(session: { userId: string }, ctx: GenericEndpointContext | null) {
  const email = await sessionUserEmail(session.userId, ctx, { last: true });
  if (email) await retireSignIns(email);
}
