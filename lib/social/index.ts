import "server-only";
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth";
import { genericOAuth } from "better-auth/plugins";
import { ENDPOINTS } from "@/lib/common/paths";
import { explainCallbackErrors, refuseUnreachableStart, watchCallbackProvider } from "./callback";
import { configuredProviders, type ProviderSettings, type SocialProvider } from "./providers";
import { keepThePassword, refuseClientIdTokens } from "./rules";

/**
 * Social sign-in: GitHub and Google through better-auth's socialProviders, any OpenID Connect provider through its
 * genericOAuth plugin (provider id "oidc"), each on when its settings are set (providers.ts). All of them start at
 * /sign-in/social and come back to /callback/<id>. The rest of the feature is beside this file: which addresses
 * may sign in or link and what a client may not send (rules.ts), the provider's errors in words (callback.ts),
 * the activity events (activity.ts). Linking itself is better-auth's account.accountLinking (lib/auth/index.ts).
 */

export { recordAccountLinked, recordAccountUnlinked } from "./activity";
export { refuseUnprovenAddress } from "./rules";

export interface SocialSignInOptions {
  env: ProviderSettings;
  /** AUTH_DISABLE_SIGN_UP: a provider signs existing users in, and creates no account. */
  signUpDisabled: boolean;
}

/** What the app asks an OpenID Connect provider for: who the person is and their address, nothing more. */
const OIDC_SCOPES = ["openid", "email", "profile"];

/** Where a provider sign-in or a connection starts: the request the button sends. */
const STARTS: ReadonlySet<string> = new Set([ENDPOINTS.signInSocial, ENDPOINTS.linkSocial]);

/** This app's rules around better-auth's provider endpoints (rules.ts) and its words for their failures (callback.ts). */
const socialRules = (providers: readonly SocialProvider[]) =>
  ({
    id: "social-sign-in",
    hooks: {
      before: [
        { matcher: (ctx) => STARTS.has(ctx.path ?? ""), handler: refuseClientIdTokens },
        { matcher: (ctx) => STARTS.has(ctx.path ?? ""), handler: refuseUnreachableStart(providers) },
        { matcher: (ctx) => ctx.path === ENDPOINTS.unlinkAccount, handler: keepThePassword },
        { matcher: (ctx) => ctx.path === ENDPOINTS.socialCallback, handler: watchCallbackProvider },
      ],
      after: [
        { matcher: (ctx) => ctx.path === ENDPOINTS.socialCallback, handler: explainCallbackErrors(providers) },
      ],
    },
  }) satisfies BetterAuthPlugin;

/** The issuer's discovery document (OpenID Connect Discovery 1.0), with or without a trailing slash on the issuer. */
export const discoveryUrlOf = (issuer: string) => `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;

export function socialSignIn({ env, signUpDisabled }: SocialSignInOptions) {
  const providers = configuredProviders(env);
  const on = (id: string) => providers.find((provider) => provider.id === id);
  const socialProviders: NonNullable<BetterAuthOptions["socialProviders"]> = {};
  if (on("github")) {
    socialProviders.github = { clientId: env.GITHUB_CLIENT_ID!, clientSecret: env.GITHUB_CLIENT_SECRET!, disableSignUp: signUpDisabled };
  }
  if (on("google")) {
    socialProviders.google = { clientId: env.GOOGLE_CLIENT_ID!, clientSecret: env.GOOGLE_CLIENT_SECRET!, disableSignUp: signUpDisabled };
  }
  const oidc = on("oidc");
  // Always present, with no provider when OIDC_ISSUER is unset: one plugin list, whatever is configured.
  const openIdConnect = genericOAuth({
    config: oidc
      ? [
          {
            providerId: oidc.id,
            name: oidc.name,
            // Endpoints and signing keys come from the issuer itself; fetched again on use if it was down at start.
            discoveryUrl: discoveryUrlOf(env.OIDC_ISSUER!),
            clientId: env.OIDC_CLIENT_ID!,
            clientSecret: env.OIDC_CLIENT_SECRET!,
            scopes: OIDC_SCOPES,
            // The code is bound to the browser that started the sign-in (better-auth's default, stated on purpose).
            pkce: true,
            // Identity comes from the ID token: its signature (the issuer's JWKS), issuer, audience, expiry and nonce
            // are checked, and without a usable JWKS the provider stays off rather than trusting tokens unchecked.
            requireIdTokenVerification: true,
            disableSignUp: signUpDisabled,
            // Signing out of this app signs out of this app only, not of the company's identity provider.
            disableProviderLogout: true,
          },
        ]
      : [],
  });
  const plugins = [openIdConnect, socialRules(providers)] as const;
  return { socialProviders, plugins };
}
