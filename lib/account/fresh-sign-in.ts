import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { ENDPOINTS } from "@/lib/common/paths";

/**
 * A fresh sign-in before anything that changes how someone gets into the account: a browser left signed in is
 * not enough to change the password, the address, the sessions, the second factor or the connected providers.
 */

/** A sign-in this recent counts as fresh (session.freshAge): older ones confirm with a new link first. */
export const SESSION_FRESH_AGE_SECONDS = 60 * 60;

/** The better-auth endpoints that need a fresh sign-in (the account area's own endpoints check it themselves). */
export const NEEDS_FRESH_SIGN_IN: ReadonlySet<string> = new Set([
  ENDPOINTS.changePassword,
  ENDPOINTS.changeEmail,
  ENDPOINTS.revokeSession,
  ENDPOINTS.revokeSessions,
  ENDPOINTS.revokeOtherSessions,
  // Turning two-factor on or off, or reading its secret or codes again.
  ENDPOINTS.enableTwoFactor,
  ENDPOINTS.disableTwoFactor,
  ENDPOINTS.getTotpUri,
  ENDPOINTS.generateBackupCodes,
  // Connecting a provider adds a way in; disconnecting one takes a way in away.
  ENDPOINTS.linkSocial,
  ENDPOINTS.unlinkAccount,
]);

type AuthoritativeSession = NonNullable<Awaited<ReturnType<typeof getAuthoritativeSessionFromCtx>>>;

export function isFresh(session: { createdAt: Date | string }) {
  return Date.now() - new Date(session.createdAt).getTime() < SESSION_FRESH_AGE_SECONDS * 1000;
}

function requireFresh(session: AuthoritativeSession) {
  if (!isFresh(session.session)) {
    throw APIError.from("FORBIDDEN", { code: "SESSION_NOT_FRESH", message: SERVER_MESSAGES.sessionNotFresh });
  }
}

/** The session of a request to an account endpoint, read from the database (never a cached cookie). */
export async function requireSession(ctx: GenericEndpointContext, { fresh }: { fresh: boolean }) {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (!session) throw APIError.from("UNAUTHORIZED", { code: "UNAUTHORIZED", message: SERVER_MESSAGES.signInToContinue });
  if (fresh) requireFresh(session);
  return session;
}

/** Before an endpoint in NEEDS_FRESH_SIGN_IN: a session, if any, must be fresh (without one, the endpoint answers 401). */
export const requireFreshSignIn = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (session) requireFresh(session);
});
