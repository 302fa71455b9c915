import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { ENDPOINTS } from "@/lib/common/paths";

/**
 * What better-auth allows and this app does not, around providers:
 * - a new account only for an address the provider vouches for (an existing one is linked only then too: that is
 *   better-auth's own rule with accountLinking.trustedProviders empty);
 * - sign-in only through the provider's page, never with an ID token a client hands in;
 * - unlink-account disconnects providers only, never the password.
 */

/** better-auth's providerId for the account row that holds a password. */
const PASSWORD_ACCOUNT = "credential";
export const isProviderAccount = (account: { providerId: string }) => account.providerId !== PASSWORD_ACCOUNT;

/**
 * databaseHooks.user.create.before: a provider's sign-in creates an account only for an address the provider says
 * it verified. Every account's address is a way in (links, codes) and the one that proves who owns it; an account
 * made from an unproven address would sit on someone else's address until they claimed it. The callback answers
 * ?error=email_not_verified, and nothing is stored.
 */
export function refuseUnprovenAddress(user: { emailVerified?: boolean }, ctx: GenericEndpointContext | null) {
  if (ctx?.path !== ENDPOINTS.socialCallback || user.emailVerified) return;
  throw new APIError("FORBIDDEN", { code: "email_not_verified", message: "The provider has not verified this address." });
}

/**
 * Before /sign-in/social and /link-social: better-auth would also take an ID token from the request body (Google
 * One Tap, native apps) and sign in with it at once, with a nonce of the client's choosing and no state or PKCE
 * binding it to this browser. This app's sign-in goes through the provider's page only.
 */
export const refuseClientIdTokens = createAuthMiddleware(async (ctx) => {
  if (ctx.body?.idToken === undefined) return;
  throw new APIError("BAD_REQUEST", { code: "ID_TOKEN_SIGN_IN_NOT_OFFERED", message: SERVER_MESSAGES.idTokenSignInNotOffered });
});

/**
 * Before /unlink-account: its accountId may name any of the user's account rows, the password's included, and
 * removing that one would drop the password without the notice and the event a password change has.
 */
export const keepThePassword = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  const accountId: unknown = ctx.body?.accountId;
  if (!session || typeof accountId !== "string") return;
  const account = (await ctx.context.internalAdapter.findAccounts(session.user.id)).find((row) => row.id === accountId);
  if (account && !isProviderAccount(account)) {
    throw new APIError("BAD_REQUEST", { code: "NOT_A_CONNECTED_ACCOUNT", message: SERVER_MESSAGES.passwordIsNotAConnectedAccount });
  }
});
