import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail, type Device } from "../support/auth-server";
import { startOidcProvider } from "../support/oidc-provider";

/**
 * Signing in with a provider, against a real OpenID Connect provider (tests/support/oidc-provider.ts) driven over
 * HTTP: the button's start, the provider's authorization page, the callback with the browser's cookies. A new
 * address makes an account, a verified one signs into the account that owns it, and a signed-in user connects and
 * disconnects providers. GitHub and Google are configured too: their token endpoints are fixed in better-auth,
 * so only their start is driven here.
 */

const oidc = await startOidcProvider();
const app = await startAuthServer({
  ...oidc.env,
  GITHUB_CLIENT_ID: "Iv1.vitest",
  GITHUB_CLIENT_SECRET: "github-secret",
  GOOGLE_CLIENT_ID: "vitest.apps.googleusercontent.com",
  GOOGLE_CLIENT_SECRET: "google-secret",
  MAGIC_LINK_ADDRESS_LIMIT: "20",
});
afterAll(() => oidc.stop());

/** The provider's id for a person new to it. */
const newSubject = () => `subject-${randomUUID()}`;

const hasSession = (browser: Device) => Boolean(browser.cookies.get("better-auth.session_token"));
const providerAccounts = (userId: string) => app.db.account.findMany({ where: { userId, providerId: "oidc" } });
const listAccounts = async (browser: Device) =>
  json<{ id: string; providerId: string; accountId: string }[]>(await browser.get("/list-accounts"));

describe("a new address", () => {
  test("makes an account signed in by the provider: its session, its account row and its events say so", async () => {
    const email = uniqueEmail("newcomer");
    const sub = newSubject();
    oidc.signInAs({ sub, email, name: "Nia" });
    const browser = app.device();
    const answer = await oidc.roundTrip(browser, { newUserCallbackURL: "/welcome" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/welcome");
    expect(hasSession(browser)).toBe(true);

    const user = (await app.userByEmail(email))!;
    expect(user).toMatchObject({ name: "Nia", emailVerified: true });
    expect((await browser.session())?.user.id).toBe(user.id);
    const [account] = await providerAccounts(user.id);
    expect(account.accountId).toBe(sub);
    // The provider's tokens are kept encrypted: the access token it issued (a JWT) is not in the row as it came.
    expect(account.accessToken).toBeTruthy();
    expect(account.accessToken).not.toMatch(/^eyJ/);
    expect((await app.db.session.findFirstOrThrow({ where: { userId: user.id } })).signInMethod).toBe("oidc");
    const events = await app.activity({ userId: user.id });
    expect(events.map(({ type, details }) => [type, details])).toEqual([
      ["user.created", { via: "oidc" }],
      ["account.linked", { provider: "oidc" }],
      ["session.created", { method: "oidc" }],
    ]);
  });

  test("the official client's signIn.social starts it, as the sign-in page's button does", async () => {
    const email = uniqueEmail("client");
    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    const started = await browser.client.signIn.social({ provider: "oidc", callbackURL: "/dashboard" });
    expect(started.error).toBeNull();
    expect(started.data).toMatchObject({ redirect: true, url: expect.stringMatching(new RegExp(`^${oidc.issuer}/authorize\\?`)) });
    const authorization = new URL((started.data as { url: string }).url);
    // Authorization code with PKCE, the scopes asked, and the way back the provider must have registered.
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: "code",
      client_id: oidc.clientId,
      scope: "openid email profile",
      redirect_uri: `${APP_ORIGIN}/api/auth/callback/oidc`,
      code_challenge_method: "S256",
    });
    const answer = await browser.get(await oidc.authorize(authorization));
    expect(answer.headers.get("location")).toBe("/dashboard");
    expect((await browser.client.getSession()).data?.user.email).toBe(email);
  });
});

describe("an address that has an account", () => {
  test("signs into that account when the provider verified it, and the link is recorded", async () => {
    const email = uniqueEmail("member");
    await app.signedIn(email);
    const member = (await app.userByEmail(email))!;
    const sub = newSubject();
    oidc.signInAs({ sub, email, email_verified: true });
    const browser = app.device();
    const answer = await oidc.roundTrip(browser);
    expect(answer.headers.get("location")).toBe("/dashboard");
    expect((await browser.session())?.user.id).toBe(member.id);
    expect((await providerAccounts(member.id)).map((row) => row.accountId)).toEqual([sub]);
    expect((await app.activity({ userId: member.id, type: "account.linked" })).map((event) => event.details)).toEqual([
      { provider: "oidc" },
    ]);
    expect((await app.activity({ userId: member.id, type: "session.created" })).at(-1)?.details).toEqual({ method: "oidc" });
  });

  test("the same provider account signs into the same user next time, even after its address changed there", async () => {
    const email = uniqueEmail("returning");
    const sub = newSubject();
    oidc.signInAs({ sub, email });
    await oidc.roundTrip(app.device());
    const user = (await app.userByEmail(email))!;

    oidc.signInAs({ sub, email: uniqueEmail("renamed") });
    const browser = app.device();
    expect((await oidc.roundTrip(browser)).headers.get("location")).toBe("/dashboard");
    expect((await browser.session())?.user).toMatchObject({ id: user.id, email });
    expect(await providerAccounts(user.id)).toHaveLength(1);
    expect(await app.db.user.count({ where: { email: { contains: "renamed" } } })).toBe(0);
  });
});

describe("GitHub and Google", () => {
  test("start at their own authorization pages, asking to come back to this app's callback", async () => {
    const github = new URL((await json<{ url: string }>(await app.device().post("/sign-in/social", { provider: "github" }))).url);
    expect(github.origin + github.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(Object.fromEntries(github.searchParams)).toMatchObject({
      client_id: "Iv1.vitest",
      redirect_uri: `${APP_ORIGIN}/api/auth/callback/github`,
      scope: "read:user user:email",
    });
    const google = new URL((await json<{ url: string }>(await app.device().post("/sign-in/social", { provider: "google" }))).url);
    expect(google.origin + google.pathname).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(Object.fromEntries(google.searchParams)).toMatchObject({
      client_id: "vitest.apps.googleusercontent.com",
      redirect_uri: `${APP_ORIGIN}/api/auth/callback/google`,
      scope: "email profile openid",
      code_challenge_method: "S256",
    });
    for (const url of [github, google]) expect(url.searchParams.get("state")).toMatch(/^[\w-]{32}$/);
  });

  test("a provider that is not configured is not offered", async () => {
    const refused = await app.device().post("/sign-in/social", { provider: "gitlab", callbackURL: "/dashboard" });
    expect(refused.status).toBe(404);
    expect((await json(refused)).code).toBe("PROVIDER_NOT_FOUND");
  });
});

describe("connected accounts", () => {
  test("a signed-in user connects the provider, sees it listed, signs in with it, and disconnects it", async () => {
    const email = uniqueEmail("connector");
    const browser = await app.signedIn(email);
    const user = (await app.userByEmail(email))!;
    const sub = newSubject();
    oidc.signInAs({ sub, email });
    const linked = await oidc.roundTrip(browser, { callbackURL: "/account", errorCallbackURL: "/account" }, "/link-social");
    expect(linked.status).toBe(302);
    expect(linked.headers.get("location")).toBe("/account");
    const [account] = await listAccounts(browser);
    expect(account).toMatchObject({ providerId: "oidc", accountId: sub });
    expect((await app.activity({ userId: user.id, type: "account.linked" })).length).toBe(1);

    const elsewhere = app.device();
    await oidc.roundTrip(elsewhere);
    expect((await elsewhere.session())?.user.id).toBe(user.id);

    const unlinked = await browser.post("/unlink-account", { accountId: account.id });
    expect(unlinked.status).toBe(200);
    expect(await listAccounts(browser)).toEqual([]);
    expect((await app.activity({ userId: user.id, type: "account.unlinked" })).map((event) => event.details)).toEqual([
      { provider: "oidc" },
    ]);
  });

  test("an account the provider made disconnects it, its only account row, and still signs in by email", async () => {
    const email = uniqueEmail("provider-only");
    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    await oidc.roundTrip(browser);
    const user = (await app.userByEmail(email))!;
    const accounts = await listAccounts(browser);
    expect(accounts.map((row) => row.providerId)).toEqual(["oidc"]);

    expect((await browser.post("/unlink-account", { accountId: accounts[0].id })).status).toBe(200);
    expect(await app.db.account.count({ where: { userId: user.id } })).toBe(0);
    expect((await (await app.signedIn(email)).session())?.user.id).toBe(user.id);
  });

  test("connecting and disconnecting need a fresh sign-in", async () => {
    const email = uniqueEmail("stale");
    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    await oidc.roundTrip(browser);
    const user = (await app.userByEmail(email))!;
    const [account] = await listAccounts(browser);
    // Signed in yesterday, as far as the session knows.
    await app.db.session.updateMany({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - 24 * 60 * 60 * 1000) } });
    for (const refused of [
      await browser.post("/link-social", { provider: "oidc", callbackURL: "/account" }),
      await browser.post("/unlink-account", { accountId: account.id }),
    ]) {
      expect(refused.status).toBe(403);
      expect((await json(refused)).code).toBe("SESSION_NOT_FRESH");
    }
    expect(await providerAccounts(user.id)).toHaveLength(1);
  });

  test("disconnecting removes providers only: the password's row stays", async () => {
    const { email, browser } = await app.passwordAccount();
    const [password] = await listAccounts(browser);
    expect(password.providerId).toBe("credential");
    const refused = await browser.post("/unlink-account", { accountId: password.id });
    expect(refused.status).toBe(400);
    expect((await json(refused)).code).toBe("NOT_A_CONNECTED_ACCOUNT");
    expect(await app.db.account.count({ where: { user: { email }, providerId: "credential" } })).toBe(1);
  });
});
