import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, formCsrfMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { LOGGED_ENDPOINTS, recordRequestActivity } from "@/lib/activity";
import { INVALID_CODE_MESSAGE, normalizeCode, sendsCodes, type EmailSignInMode } from "@/lib/common/codes";
import { INVALID_EMAIL_MESSAGE, normalizeEmail } from "@/lib/common/email-address";
import { overlongField } from "@/lib/common/limits";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { ENDPOINTS } from "@/lib/common/paths";
import { isSafeRedirect } from "@/lib/common/redirects";
import { explainRefusedCode } from "@/lib/sign-in/codes";
import { spendCodeCheck, spendSignInEmail } from "@/lib/sign-in/limits";

/**
 * The app's own hooks around every better-auth endpoint: the request guard before, and after, the activity
 * event and the clearer answers for refused codes. Plus better-auth's nextCookies, matched for server calls only.
 */

const REDIRECT_FIELDS = ["callbackURL", "newUserCallbackURL", "errorCallbackURL", "redirectTo"] as const;
const SEND_ENDPOINTS: ReadonlySet<string> = new Set([ENDPOINTS.sendLink, ENDPOINTS.sendCode]);
const EMAIL_ENDPOINTS: ReadonlySet<string> = new Set([
  ...SEND_ENDPOINTS,
  ENDPOINTS.signInWithCode,
  ENDPOINTS.signUp,
  ENDPOINTS.signInWithPassword,
  ENDPOINTS.requestPasswordReset,
]);

/**
 * The emailOTP plugin also offers codes for email verification, password reset and email change. This app
 * uses codes to sign in only (links do the rest), so those endpoints answer as if they did not exist.
 */
const isUnofferedCodeEndpoint = (path: string) =>
  (path.startsWith("/email-otp/") && path !== ENDPOINTS.sendCode) || path === "/forget-password/email-otp";
/** Every path of the emailOTP plugin's: offered or not, the guard decides. */
const isCodeEndpoint = (path: string | undefined) =>
  path !== undefined && (path === ENDPOINTS.sendCode || path === ENDPOINTS.signInWithCode || isUnofferedCodeEndpoint(path));

/**
 * The password's endpoints: better-auth's emailAndPassword (part of its core, so they exist whatever the config
 * says) and the account area's. With AUTH_PASSWORD=false they answer as if they did not exist.
 */
const PASSWORD_ENDPOINTS: ReadonlySet<string> = new Set([
  ENDPOINTS.signInWithPassword,
  ENDPOINTS.signUp,
  ENDPOINTS.requestPasswordReset,
  ENDPOINTS.resetPassword,
  // Where an emailed reset link first lands (better-auth's pattern for /reset-password/<token>).
  `${ENDPOINTS.resetPassword}/:token`,
  ENDPOINTS.changePassword,
  // A password sign-up's confirmation, sent again: the only email this app sends through it.
  ENDPOINTS.sendVerificationEmail,
  ENDPOINTS.accountSetPassword,
  ENDPOINTS.accountPassword,
]);

const hasFields = (value: unknown) => typeof value === "object" && value !== null && Object.keys(value).length > 0;

export interface AppHooksOptions {
  /** Origins besides this app's that redirect targets may point to (TRUSTED_ORIGINS), with the app's own. */
  trustedOrigins: readonly string[];
  emailSignIn: EmailSignInMode;
  /** AUTH_PASSWORD: false, the password's endpoints answer 404. */
  passwords: boolean;
}

/**
 * Runs before every auth endpoint with a body or query: every text field within its length limit
 * (lib/common/limits.ts); one normalised, validated email address; redirect targets limited to this site and
 * TRUSTED_ORIGINS (on the way in and again when a link is used); only the code endpoints this app offers;
 * well-formed codes; no password endpoint when passwords are off; the per-address limits on emails sent and on codes checked (lib/sign-in/limits.ts).
 */
function requestGuard({ trustedOrigins, emailSignIn, passwords }: AppHooksOptions) {
  return createAuthMiddleware(async (ctx) => {
    if (!passwords && PASSWORD_ENDPOINTS.has(ctx.path)) {
      throw new APIError("NOT_FOUND", { code: "NOT_FOUND", message: SERVER_MESSAGES.passwordsNotOffered });
    }
    for (const source of [ctx.body, ctx.query]) {
      const overlong = overlongField(source);
      if (overlong) {
        const code = `${overlong.field.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}_TOO_LONG`;
        throw new APIError("BAD_REQUEST", { code, message: overlong.message });
      }
    }
    const fields = ctx.path === ENDPOINTS.verifyLink ? ctx.query : ctx.body;
    for (const field of REDIRECT_FIELDS) {
      const value = (fields as Record<string, unknown> | undefined)?.[field];
      if (value !== undefined && !isSafeRedirect(value, trustedOrigins)) {
        throw new APIError("FORBIDDEN", { code: "INVALID_REDIRECT", message: SERVER_MESSAGES.notOnThisSite(field) });
      }
    }
    const codeEndpoint = ctx.path === ENDPOINTS.sendCode || ctx.path === ENDPOINTS.signInWithCode;
    if (isUnofferedCodeEndpoint(ctx.path) || (codeEndpoint && !sendsCodes(emailSignIn))) {
      throw new APIError("NOT_FOUND", { code: "NOT_FOUND", message: SERVER_MESSAGES.codeNotOffered });
    }
    if (!EMAIL_ENDPOINTS.has(ctx.path) || !ctx.body) return;
    const email = normalizeEmail(ctx.body.email);
    if (!email) throw new APIError("BAD_REQUEST", { code: "INVALID_EMAIL", message: INVALID_EMAIL_MESSAGE });
    if (ctx.path === ENDPOINTS.sendCode && ctx.body.type !== "sign-in") {
      throw new APIError("BAD_REQUEST", { code: "INVALID_OTP_TYPE", message: SERVER_MESSAGES.signInCodesOnly });
    }
    let otp: string | null | undefined;
    if (ctx.path === ENDPOINTS.signInWithCode) {
      // Login CSRF: a page on another site must not sign its visitor in, even with the attacker's own code.
      // better-auth guards its code-sending endpoint this way, not this one.
      await formCsrfMiddleware(ctx);
      // Checked before anything is counted: a malformed code costs the address none of its tries.
      otp = normalizeCode(ctx.body.otp);
      if (!otp) throw new APIError("BAD_REQUEST", { code: "INVALID_CODE", message: INVALID_CODE_MESSAGE });
    }
    if (SEND_ENDPOINTS.has(ctx.path)) await spendSignInEmail(email);
    else if (ctx.path === ENDPOINTS.signInWithCode) await spendCodeCheck(email);
    return { context: { body: { ...ctx.body, email, ...(otp ? { otp } : {}) } } };
  });
}

/** After the logged endpoints: the activity event first (it never throws), then clearer answers for refused codes. */
const afterAuthRequests = createAuthMiddleware(async (ctx) => {
  await recordRequestActivity(ctx);
  if (ctx.path === ENDPOINTS.signInWithCode) await explainRefusedCode(ctx);
});

/**
 * The two hooks above, each run only where it has work. (better-auth's own `hooks` option runs them for every
 * request, get-session included, each call with an endpoint context of its own.) First among the plugins, so
 * they run before the other plugins' hooks, as that option's would. The guard: any request with a body or a
 * query to check, and the code and password endpoints (refused by path); the after hook: the endpoints the activity log records.
 */
export function appHooks(options: AppHooksOptions) {
  return {
    id: "app-hooks",
    hooks: {
      before: [
        {
          matcher: (ctx) =>
            ctx.body != null ||
            hasFields(ctx.query) ||
            isCodeEndpoint(ctx.path) ||
            (!options.passwords && PASSWORD_ENDPOINTS.has(ctx.path ?? "")),
          handler: requestGuard(options),
        },
      ],
      after: [{ matcher: (ctx) => LOGGED_ENDPOINTS.has(ctx.path ?? ""), handler: afterAuthRequests }],
    },
  } satisfies BetterAuthPlugin;
}

/**
 * better-auth's nextCookies (server actions that call auth.api set their cookies through next/headers), its hooks
 * matched only for such calls. For a request through the route handler, which better-call marks
 * `_flag: "router"`, both hooks return at once, yet each run costs endpoint contexts (the after hook matches every
 * endpoint, the before hook get-session): they are not run for those.
 */
export function nextCookiesForServerCalls() {
  const plugin = nextCookies();
  type Hook = (typeof plugin.hooks.before)[number];
  const serverCallsOnly = (hooks: Hook[]) =>
    hooks.map((hook) => ({
      ...hook,
      matcher: (ctx: Parameters<Hook["matcher"]>[0]) => !("_flag" in ctx && ctx._flag === "router") && hook.matcher(ctx),
    }));
  return { ...plugin, hooks: { before: serverCallsOnly(plugin.hooks.before), after: serverCallsOnly(plugin.hooks.after) } };
}
