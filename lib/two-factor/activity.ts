import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { recordActivity } from "@/lib/activity";
import { ENDPOINTS } from "@/lib/common/paths";

/** The activity events of the second factor and of passkeys, from their endpoints' answers. */

export const SECOND_FACTOR_EVENT_PATHS: ReadonlySet<string> = new Set([
  ENDPOINTS.verifyTotp,
  ENDPOINTS.verifyBackupCode,
  ENDPOINTS.disableTwoFactor,
  ENDPOINTS.passkeyRegister,
  ENDPOINTS.deletePasskey,
]);

/** The user a pending two-factor sign-in belongs to, from its signed cookie. */
async function pendingUserId(ctx: GenericEndpointContext) {
  const cookie = ctx.context.createAuthCookie("two_factor");
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  return (await ctx.context.internalAdapter.findVerificationValue(identifier))?.value ?? null;
}

export const recordSecondFactorActivity = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  const failed = isAPIError(returned);
  const sessionUser = ctx.context.session?.user;
  switch (ctx.path) {
    case ENDPOINTS.verifyTotp:
    case ENDPOINTS.verifyBackupCode: {
      const userId = sessionUser?.id ?? (await pendingUserId(ctx));
      if (failed) {
        const reason = (returned.body?.code ?? String(returned.statusCode)).toLowerCase();
        return recordActivity(ctx, { type: "two_factor.failed", userId, details: { reason } });
      }
      const user = (returned as { user?: { id: string; twoFactorEnabled?: boolean } } | undefined)?.user;
      if (ctx.path === ENDPOINTS.verifyBackupCode) {
        return recordActivity(ctx, { type: "backup_code.used", userId: user?.id ?? userId });
      }
      // The code that proves a newly set up app: the response still carries the user as before it.
      if (sessionUser && user?.twoFactorEnabled === false) {
        return recordActivity(ctx, { type: "two_factor.enabled", userId: sessionUser.id });
      }
      return;
    }
    case ENDPOINTS.disableTwoFactor:
      if (!failed && sessionUser) return recordActivity(ctx, { type: "two_factor.disabled", userId: sessionUser.id });
      return;
    case ENDPOINTS.passkeyRegister:
      if (!failed && sessionUser) {
        const name = (returned as { name?: string | null } | undefined)?.name;
        return recordActivity(ctx, { type: "passkey.added", userId: sessionUser.id, details: name ? { name } : {} });
      }
      return;
    case ENDPOINTS.deletePasskey:
      if (!failed && sessionUser) return recordActivity(ctx, { type: "passkey.removed", userId: sessionUser.id });
      return;
  }
});
