import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware, getOAuthState } from "better-auth/api";
import { FIRST_FACTOR_PATHS, recordSignIn, signInMethodOfRequest } from "@/lib/activity";
import { ENDPOINTS, PAGES } from "@/lib/common/paths";

/**
 * The second factor after every first one. better-auth's twoFactor plugin asks for the authenticator code after
 * a password only; here the same challenge (its own code: the session is dropped, a signed `two_factor` cookie
 * holds the pending sign-in for PENDING_SIGN_IN_SECONDS) follows every first factor: the emailed link, both
 * through the confirmation page and the API's GET, the emailed code, and a provider's sign-in (GitHub, Google,
 * OpenID Connect) when the provider sends the browser back.
 */

/** Sign-ins the twoFactor plugin does not challenge on its own (it does /sign-in/email). */
export const UNCHALLENGED_FIRST_FACTORS: ReadonlySet<string> = new Set([
  ENDPOINTS.verifyLink,
  ENDPOINTS.signInWithCode,
  ENDPOINTS.socialCallback,
]);

/** The twoFactor plugin's signed cookie naming the pending sign-in (its verification row, which expires with it). */
const PENDING_SIGN_IN_COOKIE = "two_factor";

/**
 * Whether this browser has a sign-in waiting for its second factor: the cookie is signed by this server and its
 * row is still there, unexpired (a finished, ended or expired sign-in has none). The two-factor page asks before
 * showing the code form, so a browser with nothing pending is told at once, not after typing a code. Server-only:
 * no route; the page calls it through auth.api.
 */
export const pendingTwoFactorSignIn = createAuthEndpoint.serverOnly({ method: "GET", requireHeaders: true }, async (ctx) => {
  const cookie = ctx.context.createAuthCookie(PENDING_SIGN_IN_COOKIE);
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  const row = identifier ? await ctx.context.internalAdapter.findVerificationValue(identifier) : null;
  return ctx.json({ pending: Boolean(row && new Date(row.expiresAt).getTime() > Date.now()) });
});

/** The cookie that remembers the first factor while the second is awaited, so the session can say both. */
const FIRST_FACTOR_COOKIE = "first_factor";
export const PENDING_SIGN_IN_SECONDS = 600;

/** The answer a first factor gives a user with two-factor on, instead of a session (docs/wire-protocol.md). */
function isChallenge(returned: unknown): returned is { twoFactorRedirect: true } {
  return typeof returned === "object" && returned !== null && (returned as { twoFactorRedirect?: unknown }).twoFactorRedirect === true;
}

/**
 * Where a browser goes after the two-factor page: the callbackURL of a link opened in the browser (the API's GET
 * with one), or of the provider sign-in it comes back from (kept in that flow's state). Null: answer JSON.
 */
async function browserDestination(ctx: GenericEndpointContext) {
  if (ctx.path === ENDPOINTS.socialCallback) return (await getOAuthState())?.callbackURL ?? null;
  if (ctx.path !== ENDPOINTS.verifyLink) return null;
  return (ctx.query as Record<string, string | undefined> | undefined)?.callbackURL ?? null;
}

/**
 * After a first factor: a session that stands (no two-factor, or a trusted device) is recorded as a sign-in;
 * a challenged one leaves a cookie saying how the first factor was given. A browser (a link opened in it, or a
 * provider sending it back) then goes to the two-factor page rather than getting JSON.
 */
export const afterFirstFactor = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  if (ctx.context.newSession) {
    await recordSignIn(ctx, ctx.context.newSession.session);
    return;
  }
  if (!isChallenge(returned)) return;
  const cookie = ctx.context.createAuthCookie(FIRST_FACTOR_COOKIE, { maxAge: PENDING_SIGN_IN_SECONDS });
  await ctx.setSignedCookie(cookie.name, signInMethodOfRequest(ctx) ?? "unknown", ctx.context.secret, cookie.attributes);
  const callbackURL = await browserDestination(ctx);
  if (callbackURL) {
    const target = new URL(PAGES.twoFactor, ctx.context.baseURL);
    target.searchParams.set("callbackURL", callbackURL);
    throw new APIError("FOUND", undefined, { location: target.toString() });
  }
});

export const isFirstFactor = (path: string | undefined) => FIRST_FACTOR_PATHS.has(path ?? "");

/** How a session finishing a two-factor sign-in signed in: "link+totp", "password+backup_code", … */
async function twoFactorSignInMethod(ctx: GenericEndpointContext, secondFactor: string) {
  const cookie = ctx.context.createAuthCookie(FIRST_FACTOR_COOKIE);
  const first = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  return `${first || "unknown"}+${secondFactor}`;
}

/** What a new session records as its sign-in method; a session replacing the request's own keeps its method. */
export async function sessionSignInMethod(ctx: GenericEndpointContext | null) {
  const current = ctx?.context.session?.session as { signInMethod?: string | null } | undefined;
  if (current) return current.signInMethod ?? null;
  if (ctx?.path === ENDPOINTS.verifyTotp) return twoFactorSignInMethod(ctx, "totp");
  if (ctx?.path === ENDPOINTS.verifyBackupCode) return twoFactorSignInMethod(ctx, "backup_code");
  return signInMethodOfRequest(ctx);
}
