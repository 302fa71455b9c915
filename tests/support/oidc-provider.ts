import { OAuth2Server, type MutableToken } from "oauth2-mock-server";

/**
 * A real OpenID Connect provider for tests (oauth2-mock-server): discovery, a signing key published as JWKS,
 * the authorization code flow with PKCE, signed ID tokens carrying the nonce it was asked for. It listens on
 * 127.0.0.1 on a port of its own. A test says who signs in next (signInAs) and may spoil the next ID token
 * (tamperNextIdToken), refuse the next authorization (denyNextAuthorization) or code exchange
 * (refuseNextCodeExchange), or take the provider offline (stop, then start again on the same address).
 * Start it before the app: the app reads its address from OIDC_ISSUER (`env`).
 */

export interface ProviderIdentity {
  /** The provider's id for the person: the account the app links. */
  sub: string;
  email?: string;
  /** Whether the provider vouches for the address: true unless the test says otherwise. */
  email_verified?: boolean;
  name?: string;
}

type Claims = Record<string, unknown>;

/** A client of the app with its own cookies, as the test harness's device is (tests/support/auth-server.ts). */
interface AppBrowser {
  post(path: string, body: Record<string, unknown>): Promise<Response>;
  get(url: string | URL): Promise<Response>;
}

const HOST = "127.0.0.1";

export async function startOidcProvider({
  clientId = "vitest-oidc-client",
  clientSecret = "vitest-oidc-client-secret",
  name = "Acme SSO",
} = {}) {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  let port = 0;

  async function start() {
    await server.start(port, HOST);
    port = server.address().port;
    // The mock names itself "localhost" for 127.0.0.1; the issuer is the address it really listens on.
    server.issuer.url = `http://${HOST}:${port}`;
  }
  await start();
  const issuer = server.issuer.url!;

  let identity: ProviderIdentity = { sub: "nobody" };
  const tamperings: ((claims: Claims) => void)[] = [];

  server.service.on("beforeTokenSigning", (token: MutableToken) => {
    // The access token carries a scope; the ID token does not.
    if ("scope" in token.payload) return;
    Object.assign(token.payload, { email_verified: true, ...identity });
    tamperings.shift()?.(token.payload);
  });
  server.service.on("beforeUserinfo", (response: { body: unknown }) => {
    response.body = { email_verified: true, ...identity };
  });

  /**
   * What a browser gets from the authorization page: the address the provider sends it back to, with the code and
   * state (redirects are not followed).
   */
  async function authorize(authorizationURL: string | URL) {
    const answer = await fetch(authorizationURL, { redirect: "manual" });
    const back = answer.headers.get("location");
    if (!back) throw new Error(`The provider answered ${answer.status} without sending the browser back`);
    return new URL(back);
  }

  return {
    issuer,
    clientId,
    name,
    /** The app's settings for this provider. */
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_PROVIDER_NAME: name },
    /** Who the next sign-ins are (until changed): their claims in the ID token and at the userinfo endpoint. */
    signInAs(next: ProviderIdentity) {
      identity = next;
    },
    /** Changes the claims of the next ID token after they are set, before it is signed (aud, exp, iss, …). */
    tamperNextIdToken(tamper: (claims: Claims) => void) {
      tamperings.push(tamper);
    },
    /** The next authorization sends the browser back with ?error=… (the person said no) instead of a code. */
    denyNextAuthorization(error = "access_denied") {
      server.service.once("beforeAuthorizeRedirect", ({ url }: { url: URL }) => {
        url.searchParams.delete("code");
        url.searchParams.set("error", error);
      });
    },
    /** The next code exchange is refused (400 invalid_grant), as for a code that was used or forged. */
    refuseNextCodeExchange() {
      server.service.once("beforeResponse", (response: { body: unknown; statusCode: number }) => {
        response.body = { error: "invalid_grant" };
        response.statusCode = 400;
      });
    },
    authorize,
    /**
     * A whole round trip from a browser of the app: the start (POST /sign-in/social, or `path` such as
     * /link-social) with provider "oidc" and `body`, this provider's authorization page, then the app's callback
     * with the browser's cookies. The callback's answer.
     */
    async roundTrip(browser: AppBrowser, body: Record<string, unknown> = {}, path = "/sign-in/social") {
      const started = await browser.post(path, { provider: "oidc", callbackURL: "/dashboard", ...body });
      if (started.status !== 200) throw new Error(`${path} answered ${started.status}: ${await started.text()}`);
      const { url } = (await started.json()) as { url: string };
      return browser.get(await authorize(url));
    },
    /** Takes the provider offline: nothing listens on its address until start(). */
    async stop() {
      if (server.listening) await server.stop();
    },
    /** Back online, on the same address. */
    start,
  };
}

export type OidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;
