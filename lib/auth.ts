import "server-only";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { magicLink } from "better-auth/plugins";
import AccountExistsEmail, { accountExistsSubject } from "@/emails/account-exists";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import NoAccountEmail, { noAccountSubject } from "@/emails/no-account";
import ResetPasswordEmail, { resetPasswordSubject } from "@/emails/reset-password";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { DELETE_LINK_LIFETIME_SECONDS, forgetUser, sendDeleteAccountLink } from "@/lib/account-deletion";
import { accountPlugin, afterAccountUpdate, SESSION_FRESH_AGE_SECONDS } from "@/lib/account";
import { auditAuthRequests, auditSessionCreated, auditSessionDeleted, auditUserCreated, signInMethodOf } from "@/lib/audit";
import { APP_NAME } from "@/lib/config";
import { afterEmailChange, sendEmailChangeLink } from "@/lib/email-change";
import { databaseProvider, db } from "@/lib/db";
import { sendEmail } from "@/lib/email";
import { INVALID_EMAIL_MESSAGE, normalizeEmail } from "@/lib/email-address";
import { getEnv } from "@/lib/env";
import { INPUT_LIMITS, overlongField } from "@/lib/input-limits";
import { describeError, logAuthMessage } from "@/lib/log";
import { addressQuotaName, confirmationUrl, deleteMagicLink, isMagicLinkIdentifier, revokeMagicLinks } from "@/lib/magic-link";
import { consumeQuota } from "@/lib/rate-limit";
import { isSafeRedirect } from "@/lib/redirects";

const env = getEnv();

/** How long a magic link works (MAGIC_LINK_EXPIRES_IN, default 300 s, at most 600 s). */
export const magicLinkLifetimeSeconds = env.MAGIC_LINK_EXPIRES_IN;

/** When true (AUTH_DISABLE_SIGN_UP), only existing accounts can sign in: no link or form creates one. */
export const signUpDisabled = env.AUTH_DISABLE_SIGN_UP;

/** Links one address may be sent per window (MAGIC_LINK_ADDRESS_LIMIT), so nobody can flood an inbox. */
const addressLimit = { max: env.MAGIC_LINK_ADDRESS_LIMIT, windowSeconds: 600 };

/** Origins besides this app's that callback URLs may point to (TRUSTED_ORIGINS). */
const trustedOrigins = [...(env.BETTER_AUTH_URL ? [new URL(env.BETTER_AUTH_URL).origin] : []), ...env.TRUSTED_ORIGINS];

export interface MagicLinkDelivery {
  email: string;
  /** The confirmation page's URL (see lib/magic-link.ts), carrying the token. */
  url: string;
  token: string;
}

/** The built-in delivery: the React Email template in emails/magic-link.tsx, through sendEmail. */
async function sendMagicLinkEmail({ email, url }: MagicLinkDelivery) {
  await sendEmail({
    to: email,
    subject: magicLinkSubject(APP_NAME),
    react: MagicLinkEmail({ appName: APP_NAME, url, expiresInMinutes: Math.ceil(magicLinkLifetimeSeconds / 60) }),
  });
}

/**
 * Delivers every magic link. To send links some other way (another email provider, SMS, a chat
 * message), replace sendMagicLinkEmail here with your own function receiving { email, url, token }.
 */
const deliverMagicLink: (link: MagicLinkDelivery) => Promise<void> = sendMagicLinkEmail;

/** better-auth calls this with the API's verify URL; people get the confirmation page's. */
async function sendMagicLink({ email, url, token }: MagicLinkDelivery) {
  try {
    if (signUpDisabled && !(await db.user.findUnique({ where: { email }, select: { id: true } }))) {
      // This link could never sign anyone in: drop it, and say so by email rather than on screen.
      await deleteMagicLink(token);
      await sendEmail({ to: email, subject: noAccountSubject(APP_NAME), react: NoAccountEmail({ appName: APP_NAME }) });
      return;
    }
    await deliverMagicLink({ email, url: confirmationUrl(url), token });
  } catch (error) {
    // A link that was never delivered must not stay usable.
    await deleteMagicLink(token).catch(() => {});
    console.error(`Could not send a sign-in email: ${describeError(error)}`);
    throw new APIError("SERVICE_UNAVAILABLE", {
      code: "EMAIL_NOT_SENT",
      message: "We couldn't send the email. Try again.",
    });
  }
}

/** Where the link in a confirmation email leads: the password sign-in page, saying the address is confirmed. */
const VERIFIED_URL = "/sign-in/password?verified=1";

const REDIRECT_FIELDS = ["callbackURL", "newUserCallbackURL", "errorCallbackURL", "redirectTo"] as const;
const EMAIL_ENDPOINTS = new Set(["/sign-in/magic-link", "/sign-up/email", "/sign-in/email", "/request-password-reset"]);

/**
 * Runs before every auth endpoint: every text field within its length limit (lib/input-limits.ts); one
 * normalised, validated email address; redirect targets limited to this
 * site and TRUSTED_ORIGINS (on the way in and again when a link is used); the per-address link limit.
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
  if (!EMAIL_ENDPOINTS.has(ctx.path) || !ctx.body) return;
  const email = normalizeEmail(ctx.body.email);
  if (!email) throw new APIError("BAD_REQUEST", { code: "INVALID_EMAIL", message: INVALID_EMAIL_MESSAGE });
  if (ctx.path === "/sign-in/magic-link") {
    const retryAfter = await consumeQuota(addressQuotaName(email), addressLimit);
    if (retryAfter !== null) {
      throw new APIError(
        "TOO_MANY_REQUESTS",
        { code: "TOO_MANY_REQUESTS", message: "Too many requests. Please try again later." },
        { "Retry-After": String(retryAfter), "X-Retry-After": String(retryAfter) },
      );
    }
  }
  return { context: { body: { ...ctx.body, email } } };
});

export const auth = betterAuth({
  appName: APP_NAME,
  secret: env.BETTER_AUTH_SECRET,
  // Required in production. In development the app answers on whatever local port it runs on.
  baseURL: env.BETTER_AUTH_URL ?? { allowedHosts: ["localhost:*", "127.0.0.1:*"], protocol: "http" },
  trustedOrigins: env.TRUSTED_ORIGINS,
  // better-auth's messages go through the same redaction as ours: no token or session id reaches the log.
  logger: { log: logAuthMessage },
  database: prismaAdapter(db, { provider: databaseProvider }),
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
    // On everywhere (better-auth's default is production only) and kept in the database, so limits hold
    // across serverless instances and restarts.
    enabled: true,
    storage: "database",
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
    // Sensitive changes (password, email, sessions) need a sign-in this recent: see lib/account.ts.
    freshAge: SESSION_FRESH_AGE_SECONDS,
    additionalFields: { signInMethod: { type: "string", required: false, input: false } },
  },
  hooks: { before: guardRequests, after: auditAuthRequests },
  databaseHooks: {
    user: { create: { after: auditUserCreated }, update: { after: afterEmailChange } },
    account: { update: { after: afterAccountUpdate } },
    verification: {
      create: {
        // One live link per address: a new link makes the earlier unused ones invalid.
        after: async (verification) => {
          if (!isMagicLinkIdentifier(verification.identifier)) return;
          const { email } = JSON.parse(verification.value) as { email: string };
          await revokeMagicLinks(email, verification.id);
        },
      },
    },
    session: {
      create: {
        // Each session remembers how it signed in (the sessions list shows it).
        before: async (session, ctx) => ({ data: { ...session, signInMethod: signInMethodOf(ctx?.path) } }),
        // Signing in by any method retires the links still waiting in the inbox.
        after: async (session, ctx) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { email: true } });
          if (user) await revokeMagicLinks(user.email);
          await auditSessionCreated(session, ctx);
        },
      },
      delete: { after: auditSessionDeleted },
    },
  },
  plugins: [
    accountPlugin(),
    magicLink({
      expiresIn: magicLinkLifetimeSeconds,
      disableSignUp: signUpDisabled,
      // Only a SHA-256 of each token is stored: a leaked database holds no usable link.
      storeToken: "hashed",
      // Per client IP and per endpoint (sending, verifying).
      rateLimit: { window: 60, max: env.MAGIC_LINK_RATE_LIMIT },
      sendMagicLink,
    }),
    // Must stay last: it lets server actions that call auth.api set cookies.
    nextCookies(),
  ],
} satisfies BetterAuthOptions);
