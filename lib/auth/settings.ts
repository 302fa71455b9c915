import "server-only";
import type { AdminRuleOptions } from "@/lib/admin";
import { getEnv } from "@/lib/platform/env";
import { configuredProviders } from "@/lib/social/providers";

/** The auth settings pages show people, read from the environment once (docs: README, Configuration). */
const env = getEnv();

/** How long a magic link, and the code beside it, works (MAGIC_LINK_EXPIRES_IN, default 300 s, at most 600 s). */
export const magicLinkLifetimeSeconds = env.MAGIC_LINK_EXPIRES_IN;

/** What sign-in emails carry (EMAIL_SIGN_IN): "link-and-code" (the default), "link" or "code". */
export const emailSignIn = env.EMAIL_SIGN_IN;

/** When true (AUTH_DISABLE_SIGN_UP), only existing accounts can sign in: no link or form creates one. */
export const signUpDisabled = env.AUTH_DISABLE_SIGN_UP;

/**
 * The optional ways in, each on unless its variable says "false". Off, a feature is gone everywhere: no page,
 * link or section mentions it, its pages and endpoints answer 404, its emails are never sent. What accounts
 * already hold (a password, passkeys, a second factor) is kept but not used; they sign in by email.
 * - password (AUTH_PASSWORD): password sign-in, sign-up with a password, reset, setting and changing one;
 * - passkeys (AUTH_PASSKEYS): signing in with a passkey and adding one;
 * - twoFactor (AUTH_TWO_FACTOR): the authenticator app and backup codes, and the second step after sign-in.
 */
export const authFeatures = {
  password: env.AUTH_PASSWORD,
  passkeys: env.AUTH_PASSKEYS,
  twoFactor: env.AUTH_TWO_FACTOR,
} as const;
export type AuthFeatures = typeof authFeatures;

/**
 * How long a signed-in browser's session is trusted from its signed cookie (SESSION_CACHE_SECONDS, default 30 s,
 * 0 = never) before the database is asked again. Also how long a session ended elsewhere (sign-out on another
 * device, a password reset) can keep working on a device that already holds it.
 */
export const sessionCacheSeconds = env.SESSION_CACHE_SECONDS;

/**
 * The origins, besides paths on this site, that a link's destination may point to: the app's own (BETTER_AUTH_URL)
 * and TRUSTED_ORIGINS (lib/common/redirects.ts checks against them).
 */
export const redirectOrigins: readonly string[] = [
  ...(env.BETTER_AUTH_URL ? [new URL(env.BETTER_AUTH_URL).origin] : []),
  ...env.TRUSTED_ORIGINS,
];

/** The social sign-in providers configured (GitHub, Google, an OpenID Connect provider), for their buttons. */
export const socialProviders = configuredProviders(env);

/** Who the admins are (ADMIN_EMAILS) and which second factors count for them (those the app offers). */
export const adminOptions: AdminRuleOptions = {
  adminEmails: new Set(env.ADMIN_EMAILS),
  secondFactors: { twoFactor: authFeatures.twoFactor, passkeys: authFeatures.passkeys },
};
