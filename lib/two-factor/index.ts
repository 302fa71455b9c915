import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx, isAPIError } from "better-auth/api";
import { twoFactor } from "better-auth/plugins";
import { BRAND } from "@/lib/common/brand";
import { ENDPOINTS } from "@/lib/common/paths";
import { consumeQuota, tooManyRequests } from "@/lib/platform/rate-limit";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { recordSecondFactorActivity, SECOND_FACTOR_EVENT_PATHS } from "./activity";
import {
  afterFirstFactor,
  isFirstFactor,
  PENDING_SIGN_IN_SECONDS,
  pendingTwoFactorSignIn,
  UNCHALLENGED_FIRST_FACTORS,
} from "./challenge";
import { nameNewPasskeysAfterTheAccount, passkeys } from "./passkeys";

/**
 * Passkeys and the second factor (TOTP and backup codes, better-auth's twoFactor plugin), the second factor
 * asked after every first factor (challenge.ts). Which endpoints need a fresh sign-in first: lib/account/fresh-sign-in.ts.
 */

export interface SecondFactorOptions {
  baseURL: string | undefined;
  /** AUTH_TWO_FACTOR: false leaves better-auth's twoFactor plugin out (its endpoints answer 404) and asks no second step. */
  twoFactor: boolean;
  /** AUTH_PASSKEYS: false leaves the passkey plugin out (its endpoints answer 404). */
  passkeys: boolean;
  /** Checks a code from the app or a backup code for the request's user (the config passes auth.api calls). */
  checkCode: (code: string, headers: Headers) => Promise<unknown>;
}

/** Codes the turn-off form may try per account per hour (better-auth counts no failures for a signed-in user). */
const DISABLE_CHECK_LIMIT = { max: 10, windowSeconds: 60 * 60 };

const totp = twoFactor({
  issuer: BRAND.name,
  // Accounts that sign in with links have no password to confirm with: a fresh sign-in stands in for it.
  allowPasswordless: true,
  twoFactorCookieMaxAge: PENDING_SIGN_IN_SECONDS,
});

/** The plugin's own after-sign-in challenge, run for the email and provider sign-ins too. */
const challenge = totp.hooks.after[0].handler;

/**
 * Turning two-factor off takes a current code from the app or a backup code (the `code` field), besides what
 * better-auth asks (the password, for accounts that have one): a signed-in browser left open is not enough.
 */
function requireCodeToDisable(checkCode: SecondFactorOptions["checkCode"]) {
  return createAuthMiddleware(async (ctx) => {
    const session = await getAuthoritativeSessionFromCtx(ctx);
    if (!session) return;
    const code = typeof ctx.body?.code === "string" ? ctx.body.code.trim() : "";
    if (!code || code.length > 32) {
      throw APIError.from("BAD_REQUEST", {
        code: "INVALID_CODE",
        message: "Enter a code from your authenticator app, or a backup code.",
      });
    }
    const retryAfter = await consumeQuota(`two-factor-disable:${session.user.id}`, DISABLE_CHECK_LIMIT);
    if (retryAfter != null) throw tooManyRequests(retryAfter, SERVER_MESSAGES.tooManyCodes);
    await checkCode(code, ctx.headers ?? new Headers()).catch((error: unknown) => {
      if (isAPIError(error) && error.statusCode < 500) {
        throw APIError.from("BAD_REQUEST", { code: "INVALID_CODE", message: "That code is not right." });
      }
      throw error;
    });
  });
}

/**
 * The plugins, in order: the challenge needs twoFactor's own hooks to have run first. Each sign-in is recorded
 * whichever are on. An account that turned two-factor on before AUTH_TWO_FACTOR=false keeps its secret, unused:
 * without the plugin nothing challenges its sign-ins.
 */
export function secondFactorPlugins({ baseURL, checkCode, twoFactor, passkeys: passkeysOn }: SecondFactorOptions) {
  const everySignIn = {
    id: "two-factor-every-sign-in",
    endpoints: { pendingTwoFactorSignIn },
    hooks: {
      before: [
        { matcher: (ctx) => ctx.path === ENDPOINTS.disableTwoFactor, handler: requireCodeToDisable(checkCode) },
        { matcher: (ctx) => ctx.path === ENDPOINTS.passkeyRegisterOptions, handler: nameNewPasskeysAfterTheAccount },
      ],
      after: [
        { matcher: (ctx) => twoFactor && UNCHALLENGED_FIRST_FACTORS.has(ctx.path ?? ""), handler: challenge },
        { matcher: (ctx) => isFirstFactor(ctx.path), handler: afterFirstFactor },
        { matcher: (ctx) => SECOND_FACTOR_EVENT_PATHS.has(ctx.path ?? ""), handler: recordSecondFactorActivity },
      ],
    },
  } satisfies BetterAuthPlugin;
  return [...(twoFactor ? [totp] : []), everySignIn, ...(passkeysOn ? [passkeys(baseURL)] : [])];
}
