import type { BrowserContext } from "@playwright/test";
import type { IncomingMessage } from "node:http";
import type { MutableRedirectUri, MutableToken, TokenRequestIncomingMessage } from "oauth2-mock-server";
import type { ProviderIdentity } from "../tests/support/oidc-provider";
import { SOCIAL } from "./config";

/**
 * The OpenID Connect provider of the main test server, a real one (oauth2-mock-server: discovery, JWKS, the
 * authorization code flow with PKCE, signed ID tokens with the nonce asked for) on a fixed port, started by
 * e2e/serve.ts beside the other outside services. It plays the provider as tests/support/oidc-provider.ts does
 * for the in-process tests, with one difference the browser tests need: they run in parallel, so each browser
 * says who it is at the provider (signInAs, a cookie on the provider's address that the authorization page
 * reads), rather than one "next sign-in" for everyone. The identity travels from the authorization page to the
 * ID token with the code, the only thing both requests share.
 */

const IDENTITY_COOKIE = "e2e_identity";
const DENY_COOKIE = "e2e_deny";

const encode = (identity: ProviderIdentity) => Buffer.from(JSON.stringify(identity)).toString("base64url");
const decode = (value: string) => JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as ProviderIdentity;

function cookie(header: string | undefined, name: string) {
  const pair = header?.split(/;\s*/).find((part) => part.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

/** Starts the provider on SOCIAL.oidc.issuer's port; it lives as long as the process. */
export async function startOidcProvider() {
  const { OAuth2Server } = await import("oauth2-mock-server");
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  const { hostname, port } = new URL(SOCIAL.oidc.issuer);
  await server.start(Number(port), hostname);
  // The mock names itself "localhost" for 127.0.0.1; the issuer is the address it really listens on.
  server.issuer.url = SOCIAL.oidc.issuer;

  const identityOfCode = new Map<string, ProviderIdentity>();
  server.service.on("beforeAuthorizeRedirect", ({ url }: MutableRedirectUri, request: IncomingMessage) => {
    const denial = cookie(request.headers.cookie, DENY_COOKIE);
    const identity = cookie(request.headers.cookie, IDENTITY_COOKIE);
    const code = url.searchParams.get("code");
    if (denial) {
      url.searchParams.delete("code");
      url.searchParams.set("error", denial);
    } else if (code && identity) {
      identityOfCode.set(code, decode(identity));
    }
  });
  server.service.on("beforeTokenSigning", (token: MutableToken, request: TokenRequestIncomingMessage) => {
    // The access token carries a scope; the ID token does not.
    if ("scope" in token.payload) return;
    const code = String(request.body.code ?? "");
    const identity = identityOfCode.get(code) ?? { sub: "nobody" };
    Object.assign(token.payload, { email_verified: true, ...identity });
  });
  return server;
}

/** Who this browser is at the provider from now on: its next sign-ins (and connections) carry these claims. */
export async function signInAs(context: BrowserContext, identity: ProviderIdentity) {
  await context.clearCookies({ name: DENY_COOKIE });
  await context.addCookies([{ name: IDENTITY_COOKIE, value: encode(identity), url: SOCIAL.oidc.issuer, sameSite: "Lax" }]);
}

/** The person says no at the provider: its authorization page sends this browser back with ?error=… and no code. */
export async function denyAtProvider(context: BrowserContext, error = "access_denied") {
  await context.addCookies([{ name: DENY_COOKIE, value: error, url: SOCIAL.oidc.issuer, sameSite: "Lax" }]);
}
