import "server-only";
import type { Env } from "@/lib/platform/env";

/**
 * The social sign-in providers this deployment offers: each is on when its settings are all set (lib/platform/env.ts
 * refuses half of them). GitHub and Google are better-auth's socialProviders; "oidc" is any OpenID Connect
 * provider, through better-auth's genericOAuth plugin. Pages show a button for each, in this order.
 */
export type SocialProviderId = "github" | "google" | "oidc";

export interface SocialProvider {
  id: SocialProviderId;
  /** The button's label: "Continue with {name}". */
  name: string;
}

/** The variables that configure the providers (lib/platform/env.ts). */
export type ProviderSettings = Pick<
  Env,
  | "GITHUB_CLIENT_ID"
  | "GITHUB_CLIENT_SECRET"
  | "GOOGLE_CLIENT_ID"
  | "GOOGLE_CLIENT_SECRET"
  | "OIDC_ISSUER"
  | "OIDC_CLIENT_ID"
  | "OIDC_CLIENT_SECRET"
  | "OIDC_PROVIDER_NAME"
>;

export function configuredProviders(env: ProviderSettings): SocialProvider[] {
  const providers: SocialProvider[] = [];
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) providers.push({ id: "github", name: "GitHub" });
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) providers.push({ id: "google", name: "Google" });
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({ id: "oidc", name: env.OIDC_PROVIDER_NAME ?? "Single sign-on" });
  }
  return providers;
}
