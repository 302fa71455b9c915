import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware } from "better-auth/api";
import { z } from "zod";
import { recordActivity } from "@/lib/activity";
import { ENDPOINTS } from "@/lib/common/paths";
import { sendPasswordNotice } from "@/lib/password/emails";
import { guardEmailChange, refuseReplacedEmailChangeLink } from "./email-change";
import { NEEDS_FRESH_SIGN_IN, requireFreshSignIn, requireSession } from "./fresh-sign-in";
import { cancelEmailChange } from "./pending-email-change";
import { guardProfileUpdate } from "./profile";
import { listAccountSessions, revokeAccountSession, withoutSessionTokens } from "./sessions";

/**
 * The signed-in account area's server side, as a better-auth plugin: the endpoints better-auth lacks (a
 * session list without tokens, revoking by id, setting a first password from the browser), the rules it does
 * not have (fresh sign-in for every sensitive change, a validated name), and the notices it does not send.
 * The rest of the feature is beside this file: email change, deletion, sessions, the profile, fresh sign-in.
 */

export { isFresh, SESSION_FRESH_AGE_SECONDS } from "./fresh-sign-in";
export { pendingEmailChange, type PendingEmailChange } from "./pending-email-change";
export type { AccountSession } from "./sessions";

export interface AccountPluginOptions {
  /** better-auth's setPassword, which is server-only: the config passes a call to auth.api.setPassword. */
  setPassword: (args: { headers: Headers; body: { newPassword: string } }) => Promise<unknown>;
}

export const accountPlugin = ({ setPassword }: AccountPluginOptions) =>
  ({
    id: "account",
    endpoints: {
      listAccountSessions,
      revokeAccountSession,
      /** Calls off the signed-in user's pending email change: its link stops working. */
      cancelEmailChange,
      /** A first password for an account that signs in with links (better-auth's setPassword is server-only). */
      setAccountPassword: createAuthEndpoint(
        ENDPOINTS.accountSetPassword,
        { method: "POST", body: z.object({ newPassword: z.string() }), requireHeaders: true },
        async (ctx) => {
          const { user } = await requireSession(ctx, { fresh: true });
          await setPassword({ headers: ctx.headers!, body: { newPassword: ctx.body.newPassword } });
          await recordActivity(ctx, { type: "password.set", userId: user.id });
          await sendPasswordNotice(ctx, user.email, "set");
          return ctx.json({ status: true });
        },
      ),
      /** Whether the signed-in user has a password, for the security page's form. */
      accountPasswordStatus: createAuthEndpoint(ENDPOINTS.accountPassword, { method: "GET", requireHeaders: true }, async (ctx) => {
        const { user } = await requireSession(ctx, { fresh: false });
        const account = await ctx.context.internalAdapter.findCredentialAccount(user.id);
        return ctx.json({ hasPassword: Boolean(account?.password) });
      }),
    },
    hooks: {
      before: [
        { matcher: (ctx) => NEEDS_FRESH_SIGN_IN.has(ctx.path ?? ""), handler: requireFreshSignIn },
        { matcher: (ctx) => ctx.path === ENDPOINTS.updateUser, handler: guardProfileUpdate },
        { matcher: (ctx) => ctx.path === ENDPOINTS.changeEmail, handler: guardEmailChange },
        { matcher: (ctx) => ctx.path === ENDPOINTS.verifyEmail, handler: refuseReplacedEmailChangeLink },
      ],
      after: [
        { matcher: (ctx) => ctx.path === ENDPOINTS.listSessions, handler: withoutSessionTokens },
        {
          matcher: (ctx) => ctx.path === ENDPOINTS.deleteUser,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = (ctx.context as { returned?: unknown }).returned as { message?: string } | undefined;
            // Nothing of the user is kept, their id included: the event says an account went, and from where.
            if (returned?.message === "User deleted") await recordActivity(ctx, { type: "account.deleted" });
          }),
        },
        {
          matcher: (ctx) => ctx.path === ENDPOINTS.changePassword,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            if (ctx.context.session && !(returned instanceof APIError)) {
              await sendPasswordNotice(ctx, ctx.context.session.user.email, "changed");
            }
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
