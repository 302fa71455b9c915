import "server-only";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { accountPlugin, SESSION_FRESH_AGE_SECONDS } from "@/lib/account";
import { DELETE_LINK_LIFETIME_SECONDS, forgetUser, sendDeleteAccountLink } from "@/lib/account/deletion";
import { afterEmailChange, sendEmailChangeLink } from "@/lib/account/email-change";
import { adminPlugins } from "@/lib/admin";
import { clientAddress, recordSessionCreated, recordSessionDeleted, recordUserCreated } from "@/lib/activity";
import { BRAND } from "@/lib/common/brand";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { PAGES } from "@/lib/common/paths";
import { afterPasswordReset, sendAccountExistsEmail, sendResetPasswordEmail, sendSignUpConfirmation } from "@/lib/password/emails";
import { databaseProvider, db } from "@/lib/platform/db";
import { getEnv } from "@/lib/platform/env";
import { logAuthMessage } from "@/lib/platform/log";
import { clientRateLimitStorage } from "@/lib/platform/rate-limit";
import { secondaryStorage } from "@/lib/platform/redis";
import { emailSignInPlugins } from "@/lib/sign-in";
import { admitOneCredential, admitSession, retireAfterSignIn, retireOlderSignIns } from "@/lib/sign-in/attempt";
import { tagNewLink } from "@/lib/sign-in/links";
import { organizationPlugins, settleOrganizationsBeforeDeletion } from "@/lib/organizations";
import { recordAccountLinked, recordAccountUnlinked, refuseUnprovenAddress, socialSignIn } from "@/lib/social";
import { secondFactorPlugins } from "@/lib/two-factor";
import { sessionSignInMethod } from "@/lib/two-factor/challenge";
import { appHooks, nextCookiesForServerCalls } from "./hooks";
import { perClientRules } from "./rate-limits";
import { adminOptions, authFeatures, emailSignIn, magicLinkLifetimeSeconds, redirectOrigins, sessionCacheSeconds, signUpDisabled } from "./settings";

/**
 * The auth server: one betterAuth({...}) call, each setting with the reason for it. What each feature does is in
 * its folder (lib/sign-in, lib/password, lib/account, lib/two-factor, lib/social, lib/organizations, lib/admin,
 * lib/activity); this file wires them.
 */

const env = getEnv();
// GitHub, Google and an OpenID Connect provider, those whose settings are set (lib/social/).
const social = socialSignIn({ env, signUpDisabled });

export const auth = betterAuth({
  appName: BRAND.name,
  secret: env.BETTER_AUTH_SECRET,
  // Required in production. In development the app answers on whatever local port it runs on.
  baseURL: env.BETTER_AUTH_URL ?? { allowedHosts: ["localhost:*", "127.0.0.1:*"], protocol: "http" },
  trustedOrigins: env.TRUSTED_ORIGINS,
  // better-auth's messages go through the same redaction as ours: no token or session id reaches the log.
  logger: { log: logAuthMessage },
  // Unexpected failures (an unreachable database or Redis) go up to lib/auth/handler.ts, which logs one
  // redacted line and answers 503, instead of a stack trace on stdout.
  // A provider sign-in that fails (cancelled, tampered with, unreachable) lands on the sign-in page with
  // ?error=CODE&provider=ID, which it puts in words, never on better-auth's own /api/auth/error page.
  onAPIError: { throw: true, errorURL: PAGES.signIn },
  database: prismaAdapter(db, { provider: databaseProvider }),
  // With REDIS_URL: per-IP limits and a copy of each session in Redis (lib/platform/redis.ts). Unset: the database only.
  secondaryStorage,
  emailAndPassword: {
    // AUTH_PASSWORD=false: better-auth refuses password sign-in and sign-up, and the request guard answers 404
    // for every password endpoint (lib/auth/hooks.ts).
    enabled: authFeatures.password,
    disableSignUp: signUpDisabled,
    minPasswordLength: INPUT_LIMITS.password.min,
    maxPasswordLength: INPUT_LIMITS.password.max,
    // A password account proves its address before it can sign in. It also means sign-up answers the same for
    // a new address and a taken one: the owner of a taken one gets an email instead.
    requireEmailVerification: true,
    sendResetPassword: sendResetPasswordEmail,
    // A new password ends every session: whoever knew the old one is signed out.
    revokeSessionsOnPasswordReset: true,
    onPasswordReset: afterPasswordReset,
    onExistingUserSignUp: ({ user }, request) => sendAccountExistsEmail(user, env.BETTER_AUTH_URL ?? request?.url),
  },
  socialProviders: social.socialProviders,
  account: {
    accountLinking: {
      // A provider's sign-in with an existing user's address signs into that user and records the link...
      enabled: true,
      // ...only when the provider says it verified the address, and the user's own address is verified. A
      // provider listed here would be linked without that check: an address someone merely typed into their
      // profile at that provider would sign into the account that owns it. Empty on purpose, for every provider.
      trustedProviders: [],
      // A provider's row may be the only account row (an account made by a provider sign-in has no other; links
      // and codes make none): disconnecting it is safe, since the email address always remains a way in.
      allowUnlinkingAll: true,
    },
    // Provider access and refresh tokens are stored encrypted with BETTER_AUTH_SECRET: a leaked database holds
    // none that work at GitHub, Google or the OpenID Connect provider.
    encryptOAuthTokens: true,
  },
  emailVerification: {
    sendOnSignUp: true,
    sendOnSignIn: true,
    // Mail scanners open links: confirming an address is harmless, handing them a session is not.
    autoSignInAfterVerification: false,
    // An email-change link (lib/account/email-change.ts), else a password sign-up's confirmation.
    sendVerificationEmail: async (data) => {
      if (!(await sendEmailChangeLink(data))) await sendSignUpConfirmation(data);
    },
  },
  rateLimit: {
    // On everywhere (better-auth's default is production only) and kept in Redis when there is one, else in
    // the database (lib/platform/rate-limit.ts: one statement a request), so limits hold across instances and restarts.
    enabled: true,
    ...(secondaryStorage ? { storage: "secondary-storage" } : { customStorage: clientRateLimitStorage }),
    customRules: perClientRules,
  },
  verification: {
    // Links and codes live in the database even with Redis: lib/sign-in/ reads and retires them there.
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
    // The new address gets the link (lib/account/email-change.ts); the change happens when it is used.
    changeEmail: { enabled: true },
    // Confirmed by an emailed link that leads to a page of ours (lib/account/deletion.ts).
    deleteUser: {
      enabled: true,
      deleteTokenExpiresIn: DELETE_LINK_LIFETIME_SECONDS,
      sendDeleteAccountVerification: (data) => sendDeleteAccountLink(data, { passwords: authFeatures.password }),
      // Its organizations first (one it alone owns, with other members, stops the deletion), then the rest.
      beforeDelete: async (user) => {
        await settleOrganizationsBeforeDeletion(user.id);
        await forgetUser(user);
      },
    },
  },
  session: {
    // A signed copy of the session in a second cookie: get-session and protected pages skip the database while
    // it is fresh. Sign-out clears it in the browser that signs out; elsewhere it lasts at most this long. The
    // account area reads the database every time, so a revoked session is refused there at once.
    cookieCache: { enabled: sessionCacheSeconds > 0, maxAge: sessionCacheSeconds },
    // Sensitive changes (password, email, sessions, two-factor) need a sign-in this recent: lib/account/fresh-sign-in.ts.
    freshAge: SESSION_FRESH_AGE_SECONDS,
    // With Redis, sessions are kept in the database as well: emptying Redis signs nobody out.
    storeSessionInDatabase: true,
    additionalFields: { signInMethod: { type: "string", required: false, input: false } },
  },
  databaseHooks: {
    // One live sign-in attempt per address (lib/sign-in/attempt.ts): a new link retires the earlier ones.
    verification: { create: { before: tagNewLink, after: retireOlderSignIns } },
    user: {
      create: {
        // A new address signing in by link and by code at once: one account, created by the first.
        // A provider's sign-in creates an account only for an address the provider verified (lib/social/rules.ts).
        before: async (user, endpoint) => {
          refuseUnprovenAddress(user, endpoint);
          await admitOneCredential(user.email, endpoint);
        },
        after: recordUserCreated,
      },
      update: { after: afterEmailChange },
    },
    session: {
      create: {
        // Only one of an email's link and code may create a session; each session remembers how it signed in,
        // and from which address as the client was seen (better-auth stores an IPv6 client's /64).
        before: async (session, ctx) => {
          await admitSession(session, ctx);
          const ipAddress = clientAddress(ctx) ?? session.ipAddress;
          return { data: { ...session, ipAddress, signInMethod: await sessionSignInMethod(ctx) } };
        },
        // Signing in by any method retires the links and codes still waiting in the inbox. A session an admin opens
        // as the user (lib/admin/) is no sign-in of theirs: it retires nothing and has its own event.
        after: async (session, ctx) => {
          if ((session as { impersonatedBy?: string | null }).impersonatedBy) return;
          await retireAfterSignIn(session, ctx);
          await recordSessionCreated(session, ctx);
        },
      },
      delete: { after: recordSessionDeleted },
    },
    // A provider connected to, or disconnected from, a user: the account.linked and account.unlinked events.
    account: { create: { after: recordAccountLinked }, delete: { after: recordAccountUnlinked } },
  },
  plugins: [
    // Must stay first: its hooks run before the other plugins' (lib/auth/hooks.ts).
    appHooks({
      trustedOrigins: redirectOrigins,
      emailSignIn,
      passwords: authFeatures.password,
    }),
    accountPlugin({ setPassword: (args): Promise<unknown> => auth.api.setPassword(args) }),
    ...emailSignInPlugins({
      lifetimeSeconds: magicLinkLifetimeSeconds,
      mode: emailSignIn,
      signUpDisabled,
      perIpLimit: env.MAGIC_LINK_RATE_LIMIT,
      createCode: (email, headers): Promise<string> => auth.api.createVerificationOTP({ body: { email, type: "sign-in" }, headers }),
    }),
    // The OpenID Connect provider (better-auth's genericOAuth) and the rules around every provider (lib/social/).
    ...social.plugins,
    // Passkeys, and the second factor after every other sign-in (lib/two-factor/); each left out when switched off.
    ...secondFactorPlugins({
      baseURL: env.BETTER_AUTH_URL,
      twoFactor: authFeatures.twoFactor,
      passkeys: authFeatures.passkeys,
      // Backup codes look like "abcde-12345"; authenticator codes are digits.
      checkCode: (code, headers): Promise<unknown> =>
        /^\d+$/.test(code)
          ? auth.api.verifyTOTP({ body: { code }, headers })
          : auth.api.verifyBackupCode({ body: { code, disableSession: true }, headers }),
    }),
    // Organizations with owners, admins and members, and invitations by email (lib/organizations/).
    ...organizationPlugins({ invitationExpiresIn: env.ORG_INVITATION_EXPIRES_IN, signUpDisabled }),
    // The admin console's server side (lib/admin/): ADMIN_EMAILS are the admins, each holding a second factor.
    ...adminPlugins(adminOptions),
    // Must stay last: it lets server actions that call auth.api set cookies.
    nextCookiesForServerCalls(),
  ],
} satisfies BetterAuthOptions);
