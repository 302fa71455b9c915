import "server-only";
import type { BetterAuthPlugin, GenericEndpointContext } from "better-auth";
import { APIError, createAuthMiddleware, getAuthoritativeSessionFromCtx, isAPIError } from "better-auth/api";
import { twoFactor } from "better-auth/plugins";
import { passkey } from "@better-auth/passkey";
import { requireFreshSignIn } from "@/lib/account";
import { FIRST_FACTOR_PATHS, recordAuditEvent, recordSignIn, signInMethodOf } from "@/lib/audit";
import { APP_NAME } from "@/lib/config";
import { consumeQuota } from "@/lib/rate-limit";

/**
 * Passkeys and the second factor. better-auth's twoFactor plugin asks for the authenticator code after a
 * password only; here the same challenge (its own code: the session is dropped, a signed `two_factor` cookie
 * holds the pending sign-in for 10 minutes) follows every first factor: the emailed link, both through the
 * confirmation page and the API's GET, and the emailed code. A passkey sign-in is complete by itself: the device
 * and the person's verification on it (a fingerprint, a PIN) are two factors.
 */

/** Where people give their second factor; it sends them on to the callbackURL the sign-in started with. */
export const TWO_FACTOR_PAGE = "/sign-in/two-factor";

/** Sign-ins by email that the twoFactor plugin does not challenge on its own (it does /sign-in/email). */
const EMAIL_FIRST_FACTORS = new Set(["/magic-link/verify", "/sign-in/email-otp"]);

/** Turning two-factor on or off, or reading its secret or codes again: sensitive, so a fresh sign-in first. */
const FRESH_SIGN_IN_PATHS = new Set([
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/get-totp-uri",
  "/two-factor/generate-backup-codes",
]);

/** The cookie that remembers the first factor while the second is awaited, so the session can say both. */
const FIRST_FACTOR_COOKIE = "first_factor";
const PENDING_SIGN_IN_SECONDS = 600;

/** Codes the turn-off form may try per account per hour (better-auth counts no failures for a signed-in user). */
const disableCheckLimit = { max: 10, windowSeconds: 60 * 60 };

const totp = twoFactor({
  issuer: APP_NAME,
  // Accounts that sign in with links have no password to confirm with: a fresh sign-in stands in for it.
  allowPasswordless: true,
  twoFactorCookieMaxAge: PENDING_SIGN_IN_SECONDS,
});

/** The plugin's own after-sign-in challenge, run for the email sign-ins too. */
const challenge = totp.hooks.after[0].handler;

/** The answer a first factor gives a user with two-factor on, instead of a session (README, protocol table). */
function isChallenge(returned: unknown): returned is { twoFactorRedirect: true } {
  return typeof returned === "object" && returned !== null && (returned as { twoFactorRedirect?: unknown }).twoFactorRedirect === true;
}

/**
 * After a first factor: a session that stands (no two-factor, or a trusted device) is recorded as a sign-in;
 * a challenged one leaves a cookie saying how the first factor was given. A link opened in the browser (the
 * API's GET with a callbackURL) then goes to the two-factor page rather than answering JSON.
 */
const afterFirstFactor = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  if (ctx.context.newSession) {
    await recordSignIn(ctx, ctx.context.newSession.session);
    return;
  }
  if (!isChallenge(returned)) return;
  const cookie = ctx.context.createAuthCookie(FIRST_FACTOR_COOKIE, { maxAge: PENDING_SIGN_IN_SECONDS });
  await ctx.setSignedCookie(cookie.name, signInMethodOf(ctx.path) ?? "unknown", ctx.context.secret, cookie.attributes);
  const callbackURL = (ctx.query as Record<string, string | undefined> | undefined)?.callbackURL;
  if (ctx.path === "/magic-link/verify" && callbackURL) {
    const target = new URL(TWO_FACTOR_PAGE, ctx.context.baseURL);
    target.searchParams.set("callbackURL", callbackURL);
    throw new APIError("FOUND", undefined, { location: target.toString() });
  }
});

/** How a session finishing a two-factor sign-in signed in: "link+totp", "password+backup_code", … */
export async function twoFactorSignInMethod(ctx: GenericEndpointContext, secondFactor: string) {
  const cookie = ctx.context.createAuthCookie(FIRST_FACTOR_COOKIE);
  const first = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  return `${first || "unknown"}+${secondFactor}`;
}

/**
 * Turning two-factor off takes a current code from the app or a backup code (the `code` field), besides what
 * better-auth asks (the password, for accounts that have one): a signed-in browser left open is not enough.
 */
const requireCodeToDisable = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (!session) return;
  const code = typeof ctx.body?.code === "string" ? ctx.body.code.trim() : "";
  if (!code || code.length > 32) {
    throw APIError.from("BAD_REQUEST", {
      code: "INVALID_CODE",
      message: "Enter a code from your authenticator app, or a backup code.",
    });
  }
  const retryAfter = await consumeQuota(`two-factor-disable:${session.user.id}`, disableCheckLimit);
  if (retryAfter != null) {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "TOO_MANY_REQUESTS", message: "Too many codes tried. Please try again later." },
      { "Retry-After": String(retryAfter) },
    );
  }
  const { auth } = await import("@/lib/auth");
  const headers = ctx.headers ?? new Headers();
  // Backup codes look like "abcde-12345"; authenticator codes are digits.
  const check = /^\d+$/.test(code)
    ? auth.api.verifyTOTP({ body: { code }, headers })
    : auth.api.verifyBackupCode({ body: { code, disableSession: true }, headers });
  await check.catch((error: unknown) => {
    if (isAPIError(error) && error.statusCode < 500) {
      throw APIError.from("BAD_REQUEST", { code: "INVALID_CODE", message: "That code is not right." });
    }
    throw error;
  });
});

/**
 * The account a new passkey is for, as the device shows it (in autofill, in its passkey manager): the email
 * address. better-auth would show the passkey's own label ("Chrome on macOS"), which it takes from the same field.
 */
const nameNewPasskeysAfterTheAccount = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (session) return { context: { query: { ...ctx.query, name: session.user.email } } };
});

/** The audit events of the second factor and of passkeys (lib/audit.ts stores them). */
const auditSecondFactor = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  const failed = isAPIError(returned);
  const sessionUser = ctx.context.session?.user;
  switch (ctx.path) {
    case "/two-factor/verify-totp":
    case "/two-factor/verify-backup-code": {
      const userId = sessionUser?.id ?? (await pendingUserId(ctx));
      if (failed) {
        const reason = (returned.body?.code ?? String(returned.statusCode)).toLowerCase();
        return recordAuditEvent(ctx, { type: "two_factor.failed", userId, details: { reason } });
      }
      const user = (returned as { user?: { id: string; twoFactorEnabled?: boolean } } | undefined)?.user;
      if (ctx.path === "/two-factor/verify-backup-code") {
        return recordAuditEvent(ctx, { type: "backup_code.used", userId: user?.id ?? userId });
      }
      // The code that proves a newly set up app: the response still carries the user as before it.
      if (sessionUser && user?.twoFactorEnabled === false) {
        return recordAuditEvent(ctx, { type: "two_factor.enabled", userId: sessionUser.id });
      }
      return;
    }
    case "/two-factor/disable":
      if (!failed && sessionUser) return recordAuditEvent(ctx, { type: "two_factor.disabled", userId: sessionUser.id });
      return;
    case "/passkey/verify-registration":
      if (!failed && sessionUser) {
        const name = (returned as { name?: string | null } | undefined)?.name;
        return recordAuditEvent(ctx, { type: "passkey.added", userId: sessionUser.id, details: name ? { name } : {} });
      }
      return;
    case "/passkey/delete-passkey":
      if (!failed && sessionUser) return recordAuditEvent(ctx, { type: "passkey.removed", userId: sessionUser.id });
      return;
  }
});

/** The user a pending two-factor sign-in belongs to, from its signed cookie. */
async function pendingUserId(ctx: GenericEndpointContext) {
  const cookie = ctx.context.createAuthCookie("two_factor");
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  return (await ctx.context.internalAdapter.findVerificationValue(identifier))?.value ?? null;
}

const AUDITED_PATHS = new Set([
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
  "/two-factor/disable",
  "/passkey/verify-registration",
  "/passkey/delete-passkey",
]);

/** The plugin that puts the second factor behind every first one, with its rules and events. */
const everySignIn = {
  id: "two-factor-every-sign-in",
  hooks: {
    before: [
      { matcher: (ctx) => FRESH_SIGN_IN_PATHS.has(ctx.path ?? ""), handler: requireFreshSignIn },
      { matcher: (ctx) => ctx.path === "/two-factor/disable", handler: requireCodeToDisable },
      { matcher: (ctx) => ctx.path === "/passkey/generate-register-options", handler: nameNewPasskeysAfterTheAccount },
    ],
    after: [
      { matcher: (ctx) => EMAIL_FIRST_FACTORS.has(ctx.path ?? ""), handler: challenge },
      { matcher: (ctx) => FIRST_FACTOR_PATHS.has(ctx.path ?? ""), handler: afterFirstFactor },
      { matcher: (ctx) => AUDITED_PATHS.has(ctx.path ?? ""), handler: auditSecondFactor },
    ],
  },
} satisfies BetterAuthPlugin;

/**
 * Passkeys (WebAuthn). The relying party is this app's host (BETTER_AUTH_URL; localhost in development), and
 * only passkeys that verify their user (a fingerprint, face or PIN) are accepted, for sign-in and registration.
 */
function passkeys(baseURL: string | undefined) {
  return passkey({
    rpName: APP_NAME,
    ...(baseURL ? { rpID: new URL(baseURL).hostname, origin: new URL(baseURL).origin } : {}),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    authentication: {
      afterVerification: async ({ verification }) => {
        if (!verification.authenticationInfo.userVerified) {
          throw APIError.from("UNAUTHORIZED", {
            code: "USER_NOT_VERIFIED",
            message: "This passkey did not verify you (no fingerprint, face or PIN). Use another sign-in method.",
          });
        }
      },
    },
  });
}

/** The plugins, in order: the challenge needs twoFactor's own hooks to have run first. */
export function secondFactorPlugins(baseURL: string | undefined) {
  return [totp, everySignIn, passkeys(baseURL)] as const;
}
