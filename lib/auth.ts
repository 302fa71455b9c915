import "server-only";
import { betterAuth, type BetterAuthOptions, type BetterAuthPlugin, type GenericEndpointContext } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, formCsrfMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { emailOTP, magicLink } from "better-auth/plugins";
import AccountExistsEmail, { accountExistsSubject } from "@/emails/account-exists";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import NoAccountEmail, { noAccountSubject } from "@/emails/no-account";
import ResetPasswordEmail, { resetPasswordSubject } from "@/emails/reset-password";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { DELETE_LINK_LIFETIME_SECONDS, forgetUser, sendDeleteAccountLink } from "@/lib/account-deletion";
import { accountPlugin, afterAccountUpdate, SESSION_FRESH_AGE_SECONDS } from "@/lib/account";
import { AUDITED_ENDPOINTS, auditAuthRequest, auditSessionCreated, auditSessionDeleted, auditUserCreated, signInMethodOf } from "@/lib/audit";
import { APP_NAME } from "@/lib/config";
import { afterEmailChange, sendEmailChangeLink } from "@/lib/email-change";
import { databaseProvider, db } from "@/lib/db";
import { sendEmail } from "@/lib/email";
import { INVALID_EMAIL_MESSAGE, normalizeEmail } from "@/lib/email-address";
import { getEnv } from "@/lib/env";
import { INPUT_LIMITS, overlongField } from "@/lib/input-limits";
import { describeError, logAuthMessage, logger } from "@/lib/log";
import {
  addressQuotaName,
  closeSignInAttempt,
  codeCheckQuotaName,
  codeTriesLeft,
  confirmationUrl,
  deleteMagicLink,
  isMagicLinkIdentifier,
  magicLinkEmailTag,
  newMagicLinkToken,
  openSignInAttempt,
  retireSignIns,
} from "@/lib/magic-link";
import { clientRateLimitStorage, consumeQuota } from "@/lib/rate-limit";
import { secondaryStorage } from "@/lib/redis";
import { isSafeRedirect } from "@/lib/redirects";
import { secondFactorPlugins, twoFactorSignInMethod } from "@/lib/two-factor";
import { CODE_ATTEMPTS, CODE_LENGTH, INVALID_CODE_MESSAGE, normalizeCode, sendsCodes, sendsLinks } from "@/lib/sign-in-code";

const env = getEnv();

/** How long a magic link, and the code beside it, works (MAGIC_LINK_EXPIRES_IN, default 300 s, at most 600 s). */
export const magicLinkLifetimeSeconds = env.MAGIC_LINK_EXPIRES_IN;

/** What sign-in emails carry (EMAIL_SIGN_IN): "link-and-code" (the default), "link" or "code". */
export const emailSignIn = env.EMAIL_SIGN_IN;

/** When true (AUTH_DISABLE_SIGN_UP), only existing accounts can sign in: no link or form creates one. */
export const signUpDisabled = env.AUTH_DISABLE_SIGN_UP;

/**
 * How long a signed-in browser's session is trusted from its signed cookie (SESSION_CACHE_SECONDS, default 30 s,
 * 0 = never) before the database is asked again. Also how long a session ended elsewhere (sign-out on another
 * device, a password reset) can keep working on a device that already holds it.
 */
export const sessionCacheSeconds = env.SESSION_CACHE_SECONDS;

/**
 * Sign-in emails one address may be sent per window (MAGIC_LINK_ADDRESS_LIMIT), so nobody can flood an inbox.
 * Links and codes share it: every email is a new code.
 */
const addressLimit = { max: env.MAGIC_LINK_ADDRESS_LIMIT, windowSeconds: 600 };

/**
 * Code checks one address may receive per day, from any number of clients. Each code also dies after
 * CODE_ATTEMPTS wrong tries, but new codes can be asked for: this is the limit that bounds guessing. With 6 digits,
 * an attacker's odds against one address are at most 10 in a million per day (README, Security).
 */
const codeCheckLimit = { max: 10, windowSeconds: 24 * 60 * 60 };

/** Origins besides this app's that callback URLs may point to (TRUSTED_ORIGINS). */
const trustedOrigins = [...(env.BETTER_AUTH_URL ? [new URL(env.BETTER_AUTH_URL).origin] : []), ...env.TRUSTED_ORIGINS];

/** One sign-in email: the confirmation page's URL (see lib/magic-link.ts), the code, or both (EMAIL_SIGN_IN). */
type SignInDelivery = { email: string } & ({ url: string; code?: string } | { url?: undefined; code: string });

/** The built-in delivery: the React Email template in emails/magic-link.tsx, through sendEmail. */
async function sendSignInEmail(delivery: SignInDelivery) {
  await sendEmail({
    to: delivery.email,
    subject: magicLinkSubject(APP_NAME),
    react: MagicLinkEmail({ ...delivery, appName: APP_NAME, expiresInMinutes: Math.ceil(magicLinkLifetimeSeconds / 60) }),
  });
}

/**
 * Delivers every sign-in link and code. To send them some other way (another email provider, SMS, a chat
 * message), replace sendSignInEmail here with your own function receiving { email, url?, code? }.
 */
const deliverSignIn: (delivery: SignInDelivery) => Promise<void> = sendSignInEmail;

/** Sends what was stored, or takes it back: a link or code that was never delivered must not stay usable. */
async function deliverOrRetract(email: string, deliver: () => Promise<void>) {
  try {
    await deliver();
  } catch (error) {
    await retireSignIns(email).catch(() => {});
    logger.error(`Could not send a sign-in email: ${describeError(error)}`);
    throw new APIError("SERVICE_UNAVAILABLE", {
      code: "EMAIL_NOT_SENT",
      message: "We couldn't send the email. Try again.",
    });
  }
}

/**
 * POST /sign-in/magic-link: better-auth has stored the link and calls this with the API's verify URL; people
 * get the confirmation page's. In every mode this is the one email of a new attempt: the link, a code made
 * beside it, or (EMAIL_SIGN_IN=code) the code alone, the link being dropped before anyone sees it.
 */
async function sendMagicLink(
  { email, url, token }: { email: string; url: string; token: string },
  request?: { headers?: Headers },
): Promise<void> {
  await deliverOrRetract(email, async () => {
    if (signUpDisabled && !(await db.user.findUnique({ where: { email }, select: { id: true } }))) {
      // This link could never sign anyone in: drop it, and say so by email rather than on screen.
      await deleteMagicLink(token);
      await sendEmail({ to: email, subject: noAccountSubject(APP_NAME), react: NoAccountEmail({ appName: APP_NAME }) });
      return;
    }
    if (!sendsLinks(emailSignIn)) await deleteMagicLink(token);
    await openSignInAttempt(email, magicLinkLifetimeSeconds);
    if (!sendsCodes(emailSignIn)) return deliverSignIn({ email, url: confirmationUrl(url) });
    // The request's headers: without BETTER_AUTH_URL (development), they are how better-auth knows its own address.
    const code = await auth.api.createVerificationOTP({ body: { email, type: "sign-in" }, headers: request?.headers });
    await deliverSignIn(sendsLinks(emailSignIn) ? { email, url: confirmationUrl(url), code } : { email, code });
  });
}

/**
 * POST /email-otp/send-verification-otp (type "sign-in"): better-auth has stored a new code; this email holds
 * it alone. It is a new attempt: the links sent before it stop working.
 */
async function sendSignInCode({ email, otp }: { email: string; otp: string }) {
  await deliverOrRetract(email, async () => {
    await retireSignIns(email, { code: true });
    await openSignInAttempt(email, magicLinkLifetimeSeconds);
    await deliverSignIn({ email, code: otp });
  });
}

/** Where the link in a confirmation email leads: the password sign-in page, saying the address is confirmed. */
const VERIFIED_URL = "/sign-in/password?verified=1";

/**
 * The endpoints rate limited per client IP: those that send email or check a secret. Each keeps the rule
 * better-auth gives it (its built-in rules; the magic-link plugin's for sending and verifying: see below);
 * every other endpoint, reads such as get-session and sign-out included, costs the limiter nothing.
 */
const RATE_LIMITED_ENDPOINTS = [
  "/sign-in/magic-link",
  "/magic-link/verify",
  "/email-otp/send-verification-otp",
  "/sign-in/email-otp",
  "/sign-in/email",
  "/sign-up/email",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
  "/change-password",
  "/change-email",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
  "/two-factor/get-totp-uri",
  "/two-factor/generate-backup-codes",
  "/two-factor/send-otp",
  "/two-factor/verify-otp",
];

const keepRule = (_request: Request, rule: { window: number; max: number }) => rule;

/**
 * Passkey sign-in has no rule of its own in better-auth. Each sign-in page asks for a challenge once (for
 * autofill), so the limit leaves room for reloads while keeping floods out of the verification table.
 */
const PASSKEY_SIGN_IN_RULE = { window: 60, max: 30 };

const REDIRECT_FIELDS = ["callbackURL", "newUserCallbackURL", "errorCallbackURL", "redirectTo"] as const;
const SEND_CODE = "/email-otp/send-verification-otp";
const SIGN_IN_WITH_CODE = "/sign-in/email-otp";
const SEND_ENDPOINTS = new Set(["/sign-in/magic-link", SEND_CODE]);
const EMAIL_ENDPOINTS = new Set([
  ...SEND_ENDPOINTS,
  SIGN_IN_WITH_CODE,
  "/sign-up/email",
  "/sign-in/email",
  "/request-password-reset",
]);

/**
 * The emailOTP plugin also offers codes for email verification, password reset and email change. This app
 * uses codes to sign in only (links do the rest), so those endpoints answer as if they did not exist.
 */
const isUnofferedCodeEndpoint = (path: string) =>
  (path.startsWith("/email-otp/") && path !== SEND_CODE) || path === "/forget-password/email-otp";
/** Every path of the emailOTP plugin's: offered or not, guardRequests decides. */
const isCodeEndpoint = (path: string | undefined) =>
  path !== undefined && (path === SEND_CODE || path === SIGN_IN_WITH_CODE || isUnofferedCodeEndpoint(path));

function tooManyRequests(retryAfter: number) {
  return new APIError(
    "TOO_MANY_REQUESTS",
    { code: "TOO_MANY_REQUESTS", message: "Too many requests. Please try again later." },
    { "Retry-After": String(retryAfter), "X-Retry-After": String(retryAfter) },
  );
}

/**
 * Runs before every auth endpoint: every text field within its length limit (lib/input-limits.ts); one
 * normalised, validated email address; redirect targets limited to this site and TRUSTED_ORIGINS (on the way in
 * and again when a link is used); only the code endpoints this app offers; well-formed codes; the per-address
 * limits on emails sent and on codes checked.
 */
const guardRequests = createAuthMiddleware(async (ctx) => {
  for (const source of [ctx.body, ctx.query]) {
    const overlong = overlongField(source);
    if (overlong) {
      const code = `${overlong.field.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}_TOO_LONG`;
      throw new APIError("BAD_REQUEST", { code, message: overlong.message });
    }
  }
  const fields = ctx.path === "/magic-link/verify" ? ctx.query : ctx.body;
  for (const field of REDIRECT_FIELDS) {
    const value = (fields as Record<string, unknown> | undefined)?.[field];
    if (value !== undefined && !isSafeRedirect(value, trustedOrigins)) {
      throw new APIError("FORBIDDEN", { code: "INVALID_REDIRECT", message: `${field} must be a path on this site.` });
    }
  }
  const codeEndpoint = ctx.path === SEND_CODE || ctx.path === SIGN_IN_WITH_CODE;
  if (isUnofferedCodeEndpoint(ctx.path) || (codeEndpoint && !sendsCodes(emailSignIn))) {
    throw new APIError("NOT_FOUND", { code: "NOT_FOUND", message: "This app does not offer that kind of code." });
  }
  if (!EMAIL_ENDPOINTS.has(ctx.path) || !ctx.body) return;
  const email = normalizeEmail(ctx.body.email);
  if (!email) throw new APIError("BAD_REQUEST", { code: "INVALID_EMAIL", message: INVALID_EMAIL_MESSAGE });
  if (ctx.path === SEND_CODE && ctx.body.type !== "sign-in") {
    throw new APIError("BAD_REQUEST", { code: "INVALID_OTP_TYPE", message: 'This app sends "sign-in" codes only.' });
  }
  let otp: string | null | undefined;
  if (ctx.path === SIGN_IN_WITH_CODE) {
    // Login CSRF: a page on another site must not sign its visitor in, even with the attacker's own code.
    // better-auth guards its code-sending endpoint this way, not this one.
    await formCsrfMiddleware(ctx);
    // Checked before anything is counted: a malformed code costs the address none of its tries.
    otp = normalizeCode(ctx.body.otp);
    if (!otp) throw new APIError("BAD_REQUEST", { code: "INVALID_CODE", message: INVALID_CODE_MESSAGE });
  }
  const quota = SEND_ENDPOINTS.has(ctx.path)
    ? consumeQuota(addressQuotaName(email), addressLimit)
    : ctx.path === SIGN_IN_WITH_CODE
      ? consumeQuota(codeCheckQuotaName(email), codeCheckLimit)
      : null;
  const retryAfter = await quota;
  if (retryAfter != null) throw tooManyRequests(retryAfter);
  return { context: { body: { ...ctx.body, email, ...(otp ? { otp } : {}) } } };
});

/** What people read when a code is refused; better-auth's error codes stay, its terse messages do not. */
async function explainCodeFailures(ctx: GenericEndpointContext & { context: { returned?: unknown } }) {
  const returned = ctx.context.returned;
  if (ctx.path !== SIGN_IN_WITH_CODE || !isAPIError(returned)) return;
  const sendNew = "Send a new email to get a new code.";
  switch (returned.body?.code) {
    case "INVALID_OTP": {
      const triesLeft = await codeTriesLeft(ctx.body.email);
      throw new APIError("BAD_REQUEST", {
        code: "INVALID_OTP",
        message:
          triesLeft > 0
            ? `That code is not right. ${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left.`
            : `This code no longer works. ${sendNew}`,
        triesLeft,
      });
    }
    case "OTP_EXPIRED":
      throw new APIError("BAD_REQUEST", { code: "OTP_EXPIRED", message: `This code has expired. ${sendNew}`, triesLeft: 0 });
    case "TOO_MANY_ATTEMPTS":
      throw new APIError("FORBIDDEN", {
        code: "TOO_MANY_ATTEMPTS",
        message: `Too many wrong tries: this code no longer works. ${sendNew}`,
        triesLeft: 0,
      });
  }
}

/** After the audited endpoints: the audit event first (it never throws), then clearer answers for refused codes. */
const afterAuthRequests = createAuthMiddleware(async (ctx) => {
  await auditAuthRequest(ctx);
  await explainCodeFailures(ctx);
});

const hasFields = (value: unknown) => typeof value === "object" && value !== null && Object.keys(value).length > 0;

/**
 * The two hooks above, each run only where it has work. (better-auth's own `hooks` option runs them for every
 * request, get-session included, each call with an endpoint context of its own.) First among the plugins, so
 * they run before the other plugins' hooks, as that option's would. guardRequests: any request with a body or a
 * query to check, and the code endpoints (refused by path); afterAuthRequests: the endpoints the audit log records.
 */
const appHooks = {
  id: "app-hooks",
  hooks: {
    before: [
      {
        matcher: (ctx) => ctx.body != null || hasFields(ctx.query) || isCodeEndpoint(ctx.path),
        handler: guardRequests,
      },
    ],
    after: [{ matcher: (ctx) => AUDITED_ENDPOINTS.has(ctx.path ?? ""), handler: afterAuthRequests }],
  },
} satisfies BetterAuthPlugin;

/**
 * better-auth's nextCookies (server actions that call auth.api set their cookies through next/headers), its hooks
 * matched only for such calls. For a request through the route handler, which better-call marks
 * `_flag: "router"`, both hooks return at once, yet each run costs endpoint contexts (the after hook matches every
 * endpoint, the before hook get-session): they are not run for those.
 */
function nextCookiesForServerCalls() {
  const plugin = nextCookies();
  type Hook = (typeof plugin.hooks.before)[number];
  const serverCallsOnly = (hooks: Hook[]) =>
    hooks.map((hook) => ({
      ...hook,
      matcher: (ctx: Parameters<Hook["matcher"]>[0]) => !("_flag" in ctx && ctx._flag === "router") && hook.matcher(ctx),
    }));
  return { ...plugin, hooks: { before: serverCallsOnly(plugin.hooks.before), after: serverCallsOnly(plugin.hooks.after) } };
}

/**
 * The gate between an email's link and its code: the first of them to reach account creation or session
 * creation closes the attempt; the other is then refused as used, however close behind. Other sign-ins
 * (password, server calls) pass.
 */
const closedAttempts = new WeakSet<object>();
async function admitOneCredential(email: string, endpoint: GenericEndpointContext | null) {
  const path = endpoint?.path;
  if (!endpoint || (path !== "/magic-link/verify" && path !== SIGN_IN_WITH_CODE) || closedAttempts.has(endpoint)) return;
  if (await closeSignInAttempt(email)) {
    closedAttempts.add(endpoint);
    return;
  }
  if (path === SIGN_IN_WITH_CODE) {
    throw new APIError("BAD_REQUEST", { code: "INVALID_OTP", message: "This code no longer works." });
  }
  // As the magic-link plugin answers a used link: to errorCallbackURL, else callbackURL, with error=INVALID_TOKEN.
  const query = (endpoint.query ?? {}) as Record<string, string | undefined>;
  const base = endpoint.context.baseURL;
  const target = new URL(query.errorCallbackURL || new URL(query.callbackURL || "/", base).toString(), base);
  target.searchParams.set("error", "INVALID_TOKEN");
  throw new APIError("FOUND", undefined, { location: target.toString() });
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

/** What a new session records as its sign-in method; a session replacing the request's own keeps its method. */
async function sessionSignInMethod(ctx: GenericEndpointContext | null) {
  const current = ctx?.context.session?.session as { signInMethod?: string | null } | undefined;
  if (current) return current.signInMethod ?? null;
  if (ctx?.path === "/two-factor/verify-totp") return twoFactorSignInMethod(ctx, "totp");
  if (ctx?.path === "/two-factor/verify-backup-code") return twoFactorSignInMethod(ctx, "backup_code");
  return signInMethodOf(ctx?.path);
}

export const auth = betterAuth({
  appName: APP_NAME,
  secret: env.BETTER_AUTH_SECRET,
  // Required in production. In development the app answers on whatever local port it runs on.
  baseURL: env.BETTER_AUTH_URL ?? { allowedHosts: ["localhost:*", "127.0.0.1:*"], protocol: "http" },
  trustedOrigins: env.TRUSTED_ORIGINS,
  // better-auth's messages go through the same redaction as ours: no token or session id reaches the log.
  logger: { log: logAuthMessage },
  // Unexpected failures (an unreachable database or Redis) go up to lib/auth-handler.ts, which logs one
  // redacted line and answers 503, instead of a stack trace on stdout.
  onAPIError: { throw: true },
  database: prismaAdapter(db, { provider: databaseProvider }),
  // With REDIS_URL: per-IP limits and a copy of each session in Redis (lib/redis.ts). Unset: the database only.
  secondaryStorage,
  emailAndPassword: {
    enabled: true,
    disableSignUp: signUpDisabled,
    minPasswordLength: INPUT_LIMITS.password.min,
    maxPasswordLength: INPUT_LIMITS.password.max,
    // A password account proves its address before it can sign in. It also means sign-up answers the same for
    // a new address and a taken one: the owner of a taken one gets an email instead.
    requireEmailVerification: true,
    sendResetPassword: async ({ user, url }) => {
      await sendEmail({
        to: user.email,
        subject: resetPasswordSubject(APP_NAME),
        react: ResetPasswordEmail({ appName: APP_NAME, url }),
      });
    },
    // A new password ends every session: whoever knew the old one is signed out.
    revokeSessionsOnPasswordReset: true,
    onExistingUserSignUp: async ({ user }, request) => {
      const signInUrl = new URL("/sign-in", env.BETTER_AUTH_URL ?? request?.url).toString();
      await sendEmail({
        to: user.email,
        subject: accountExistsSubject(APP_NAME),
        react: AccountExistsEmail({ appName: APP_NAME, signInUrl }),
      });
    },
  },
  emailVerification: {
    sendOnSignUp: true,
    sendOnSignIn: true,
    // Mail scanners open links: confirming an address is harmless, handing them a session is not.
    autoSignInAfterVerification: false,
    sendVerificationEmail: async ({ user, url, token }) => {
      if (await sendEmailChangeLink({ user, url, token })) return;
      // Unless the client asked for somewhere else, a confirmed address lands on the password sign-in page.
      const link = new URL(url);
      if ((link.searchParams.get("callbackURL") ?? "/") === "/") link.searchParams.set("callbackURL", VERIFIED_URL);
      await sendEmail({
        to: user.email,
        subject: verifyEmailSubject(APP_NAME),
        react: VerifyEmail({ appName: APP_NAME, url: link.toString() }),
      });
    },
  },
  rateLimit: {
    // On everywhere (better-auth's default is production only) and kept in Redis when there is one, else in
    // the database (lib/rate-limit.ts: one statement a request), so limits hold across instances and restarts.
    enabled: true,
    ...(secondaryStorage ? { storage: "secondary-storage" } : { customStorage: clientRateLimitStorage }),
    // The first matching path wins: a limited endpoint keeps its rule, every other path is not limited.
    customRules: {
      ...Object.fromEntries(RATE_LIMITED_ENDPOINTS.map((path) => [path, keepRule])),
      "/passkey/generate-authenticate-options": PASSKEY_SIGN_IN_RULE,
      "/passkey/verify-authentication": PASSKEY_SIGN_IN_RULE,
      "/**": false,
    },
  },

  verification: {
    // Links and codes live in the database even with Redis: lib/magic-link.ts reads and retires them there.
    storeInDatabase: true,
    additionalFields: { emailTag: { type: "string", required: false, input: false } },
  },
  advanced: {
    // Explicit, so the checks also run under NODE_ENV=test (better-auth skips them there by default).
    disableOriginCheck: false,
    disableCSRFCheck: false,
    ipAddress: {
      // Only a header the deployment's proxy sets and clients cannot forge identifies a client. Without one
      // (TRUSTED_IP_HEADER unset, not on Vercel), clients share one limit per endpoint: strict, not escapable.
      ipAddressHeaders: env.TRUSTED_IP_HEADER ? [env.TRUSTED_IP_HEADER] : [],
    },
  },
  user: {
    // The new address gets the link (lib/email-change.ts); the change happens when it is used.
    changeEmail: { enabled: true },
    // Confirmed by an emailed link that leads to a page of ours (lib/account-deletion.ts).
    deleteUser: {
      enabled: true,
      deleteTokenExpiresIn: DELETE_LINK_LIFETIME_SECONDS,
      sendDeleteAccountVerification: sendDeleteAccountLink,
      beforeDelete: forgetUser,
    },
  },
  session: {
    // A signed copy of the session in a second cookie: get-session and protected pages skip the database while
    // it is fresh. Sign-out clears it in the browser that signs out; elsewhere it lasts at most this long. The
    // account area reads the database every time (lib/account.ts), so a revoked session is refused there at once.
    cookieCache: { enabled: sessionCacheSeconds > 0, maxAge: sessionCacheSeconds },
    // Sensitive changes (password, email, sessions) need a sign-in this recent: see lib/account.ts.
    freshAge: SESSION_FRESH_AGE_SECONDS,
    // With Redis, sessions are kept in the database as well: emptying Redis signs nobody out.
    storeSessionInDatabase: true,
    additionalFields: { signInMethod: { type: "string", required: false, input: false } },
  },
  databaseHooks: {
    account: { update: { after: afterAccountUpdate } },
    verification: {
      create: {
        before: async (verification) => {
          if (!isMagicLinkIdentifier(verification.identifier)) return;
          const { email } = JSON.parse(verification.value) as { email: string };
          return { data: { ...verification, emailTag: magicLinkEmailTag(email) } };
        },
        // One live attempt per address: a new link makes the earlier unused links and codes invalid. (A code
        // row written again after a wrong try is not a new attempt, and the code made beside this link comes
        // after it: neither retires anything.)
        after: async (verification) => {
          if (!isMagicLinkIdentifier(verification.identifier)) return;
          const { email } = JSON.parse(verification.value) as { email: string };
          await retireSignIns(email, { linkId: verification.id });
        },
      },
    },
    user: {
      create: {
        // A new address signing in by link and by code at once: one account, created by the first.
        before: async (user, endpoint) => {
          await admitOneCredential(user.email, endpoint);
        },
        after: auditUserCreated,
      },
      update: { after: afterEmailChange },
    },
    session: {
      create: {
        // Each session remembers how it signed in (the sessions list shows it), and only one of an email's link
        // and code may create one.
        before: async (session, ctx) => {
          const email = await sessionUserEmail(session.userId, ctx);
          if (email) await admitOneCredential(email, ctx);
          return { data: { ...session, signInMethod: await sessionSignInMethod(ctx) } };
        },
        // Signing in by any method retires the links and codes still waiting in the inbox.
        after: async (session, ctx) => {
          const email = await sessionUserEmail(session.userId, ctx, { last: true });
          if (email) await retireSignIns(email);
          await auditSessionCreated(session, ctx);
        },
      },
      delete: { after: auditSessionDeleted },
    },
  },
  plugins: [
    // Must stay first: see appHooks.
    appHooks,
    accountPlugin(),
    magicLink({
      expiresIn: magicLinkLifetimeSeconds,
      disableSignUp: signUpDisabled,
      // Only a SHA-256 of each token is stored: a leaked database holds no usable link.
      storeToken: "hashed",
      generateToken: () => newMagicLinkToken(magicLinkLifetimeSeconds),
      // Per client IP and per endpoint (sending, verifying).
      rateLimit: { window: 60, max: env.MAGIC_LINK_RATE_LIMIT },
      sendMagicLink,
    }),
    emailOTP({
      otpLength: CODE_LENGTH,
      // A code lives exactly as long as the link it travels with.
      expiresIn: magicLinkLifetimeSeconds,
      allowedAttempts: CODE_ATTEMPTS,
      // Only a SHA-256 of each code is stored, and a guess is checked by comparing hashes.
      storeOTP: "hashed",
      disableSignUp: signUpDisabled,
      // Per client IP and per endpoint (sending, signing in), as for links.
      rateLimit: { window: 60, max: env.MAGIC_LINK_RATE_LIMIT },
      sendVerificationOTP: sendSignInCode,
    }),
    // Passkeys, and the second factor after every other sign-in (lib/two-factor.ts).
    ...secondFactorPlugins(env.BETTER_AUTH_URL),
    // Must stay last: it lets server actions that call auth.api set cookies.
    nextCookiesForServerCalls(),
  ],
} satisfies BetterAuthOptions);
