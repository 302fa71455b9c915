import "server-only";
import { defineRequestState } from "@better-auth/core/context";
import type { OAuthProvider } from "@better-auth/core/oauth2";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import type { SocialProvider } from "./providers";

/**
 * What a failed provider sign-in tells the person. better-auth sends every failure of a provider's callback to the
 * error page (onAPIError.errorURL, the sign-in page, or the flow's errorCallbackURL) as ?error=CODE; here the
 * redirect also names the provider (?provider=oidc), so the page can say "GitHub" rather than "the provider", and
 * a provider that could not be reached is told apart from one that refused: better-auth reports both as
 * invalid_code. The page's words for each code: lib/common/messages.ts (signInErrorMessage). A provider that
 * cannot be reached at the start answers 503 in words too.
 */

/** Set when this request's call to the provider (token exchange, user info) failed to reach it at all. */
const providerUnreachable = defineRequestState(() => false);

/** fetch rejects with a TypeError when no answer came (refused, DNS, reset); timeouts abort. */
const isNetworkFailure = (error: unknown) =>
  error instanceof TypeError || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));

const watched = new WeakSet<OAuthProvider>();

/**
 * The provider's own calls, watched for network failures: a token exchange that never reached the provider marks
 * the request (better-auth still answers invalid_code); a user-info call that never reached it marks it and
 * answers "no user", where better-auth would fail with a 500. Done once per provider object, at its first
 * callback, so providers that discovery adds later are watched too.
 */
function watchProvider(provider: OAuthProvider) {
  if (watched.has(provider)) return;
  watched.add(provider);
  const exchange = provider.validateAuthorizationCode;
  const userInfo = provider.getUserInfo;
  provider.validateAuthorizationCode = async (data) => {
    try {
      return await exchange.call(provider, data);
    } catch (error) {
      if (isNetworkFailure(error)) await providerUnreachable.set(true);
      throw error;
    }
  };
  provider.getUserInfo = async (tokens) => {
    try {
      return await userInfo.call(provider, tokens);
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
      await providerUnreachable.set(true);
      return null;
    }
  };
}

/** Before /callback/:id: the provider the browser comes back from, watched (see watchProvider). */
export const watchCallbackProvider = createAuthMiddleware(async (ctx) => {
  const provider = ctx.context.socialProviders.find((candidate) => candidate.id === ctx.params?.id);
  if (provider) watchProvider(provider);
});

/** After /callback/:id: an error redirect names the provider, and says provider_unreachable when it was. */
export function explainCallbackErrors(providers: readonly SocialProvider[]) {
  return createAuthMiddleware(async (ctx) => {
    const returned = ctx.context.returned;
    const location = isAPIError(returned) ? new Headers(returned.headers ?? undefined).get("location") : null;
    if (!location) return;
    const target = new URL(location, ctx.context.baseURL);
    if (!target.searchParams.has("error")) return;
    if (await providerUnreachable.get()) target.searchParams.set("error", "provider_unreachable");
    // better-auth's description of the code, or the provider's own words: neither is shown, the code is.
    target.searchParams.delete("error_description");
    const provider = providers.find((candidate) => candidate.id === ctx.params?.id);
    if (provider) target.searchParams.set("provider", provider.id);
    const rewritten = location.startsWith("/") ? `${target.pathname}${target.search}` : target.toString();
    throw new APIError("FOUND", undefined, { location: rewritten });
  });
}

/**
 * Before /sign-in/social and /link-social, after genericOAuth's own hook has tried discovery again: a configured
 * provider better-auth still does not know is an OpenID Connect provider whose discovery document could not be
 * read, at start and just now. 503 with words for the person, rather than better-auth's 404 PROVIDER_NOT_FOUND.
 */
export function refuseUnreachableStart(providers: readonly SocialProvider[]) {
  return createAuthMiddleware(async (ctx) => {
    const provider = providers.find((candidate) => candidate.id === ctx.body?.provider);
    if (!provider || ctx.context.socialProviders.some((known) => known.id === provider.id)) return;
    throw new APIError(
      "SERVICE_UNAVAILABLE",
      { code: "PROVIDER_UNREACHABLE", message: SERVER_MESSAGES.providerUnreachable(provider.name) },
      { "Retry-After": "30" },
    );
  });
}
