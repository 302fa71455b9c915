import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { signInErrorMessage } from "@/lib/common/messages";
import { APP_ORIGIN, json, newClientIp, startAuthServer, TRUSTED_ORIGIN, uniqueEmail, type Device } from "../support/auth-server";
import { startOidcProvider } from "../support/oidc-provider";
import { secretOf, totp } from "../support/totp";

/**
 * Hostile provider sign-ins, against a real OpenID Connect provider: addresses the provider does not vouch for,
 * a tampered, replayed or stolen state, the provider saying no or being down, tokens for another app or past
 * their time, redirects to other sites, one provider account claimed by two users, and the second factor. Each
 * says what the person sees: the status, where they land and with which message, no session, the rows.
 */

const oidc = await startOidcProvider();
const app = await startAuthServer({ ...oidc.env, MAGIC_LINK_ADDRESS_LIMIT: "20" });
afterAll(() => oidc.stop());

const newSubject = () => `subject-${randomUUID()}`;
/** Where a failed sign-in lands: the sign-in page, with the reason and the provider. */
const failedAt = (error: string, page = "/sign-in") => `${page}?error=${error}&provider=oidc`;

async function expectNoSession(browser: Device) {
  expect(browser.cookies.get("better-auth.session_token") ?? "").toBe("");
  expect(await browser.session()).toBeNull();
}

/** What the sign-in page shows for where a browser landed (it reads ?error and ?provider). */
const messageAt = (location: string | null) => {
  const query = new URL(location ?? "", APP_ORIGIN).searchParams;
  return signInErrorMessage(query.get("error") ?? undefined, query.get("provider") === "oidc" ? oidc.name : undefined);
};

/** The provider sends the browser back with a code and a state: the address, before anyone opens it. */
async function startAndAuthorize(browser: Device, body: Record<string, unknown> = {}) {
  const started = await browser.post("/sign-in/social", { provider: "oidc", callbackURL: "/dashboard", ...body });
  expect(started.status).toBe(200);
  return oidc.authorize((await json<{ url: string }>(started)).url);
}

describe("an address the provider does not vouch for", () => {
  test("never signs into the account that owns it: the person is told to sign in with their email first", async () => {
    const email = uniqueEmail("owner");
    await app.signedIn(email);
    const owner = (await app.userByEmail(email))!;
    oidc.signInAs({ sub: newSubject(), email, email_verified: false });
    const intruder = app.device();
    const answer = await oidc.roundTrip(intruder);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(failedAt("account_not_linked"));
    expect(messageAt(answer.headers.get("location"))).toBe(
      "We can't sign you in with Acme SSO until this email address is confirmed as yours. " +
        "Sign in with your email first, then connect Acme SSO from your account.",
    );
    await expectNoSession(intruder);
    expect(await app.sessionsOf(email)).toBe(1);
    expect(await app.db.account.count({ where: { userId: owner.id } })).toBe(0);
  });

  test("makes no account for a new address either", async () => {
    const email = uniqueEmail("unproven");
    const sub = newSubject();
    oidc.signInAs({ sub, email, email_verified: false });
    const browser = app.device();
    const answer = await oidc.roundTrip(browser);
    expect(answer.headers.get("location")).toBe(failedAt("email_not_verified"));
    expect(messageAt(answer.headers.get("location"))).toContain("Sign in with your email first");
    await expectNoSession(browser);
    expect(await app.userByEmail(email)).toBeNull();
    expect(await app.db.account.count({ where: { accountId: sub } })).toBe(0);
  });
});

describe("the flow's state", () => {
  test("tampered with: refused, nothing made", async () => {
    const email = uniqueEmail("tampered");
    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    const back = await startAndAuthorize(browser);
    back.searchParams.set("state", `${back.searchParams.get("state")!.slice(0, -1)}x`);
    const answer = await browser.get(back);
    expect(answer.headers.get("location")).toBe(failedAt("state_mismatch"));
    expect(messageAt(answer.headers.get("location"))).toBe(
      "This sign-in with Acme SSO can't be finished: it expired, was already used, or was started in another browser. Start again.",
    );
    await expectNoSession(browser);
    expect(await app.userByEmail(email)).toBeNull();
  });

  test("the way back opened in another browser (a stolen code) signs nobody in there; its own browser still can", async () => {
    const email = uniqueEmail("stolen");
    oidc.signInAs({ sub: newSubject(), email });
    const owner = app.device();
    const back = await startAndAuthorize(owner);
    const thief = app.device();
    const stolen = await thief.get(back);
    expect(stolen.headers.get("location")).toBe(failedAt("state_mismatch"));
    await expectNoSession(thief);
    expect(await app.userByEmail(email)).toBeNull();

    expect((await owner.get(back)).headers.get("location")).toBe("/dashboard");
    expect((await owner.session())?.user.email).toBe(email);
  });

  test("a callback used twice: the second time is refused, even in the browser that signed in", async () => {
    const email = uniqueEmail("twice");
    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    const back = await startAndAuthorize(browser);
    expect((await browser.get(back)).headers.get("location")).toBe("/dashboard");
    const replay = app.device({ cookies: browser.cookies });
    replay.cookies.delete("better-auth.session_token");
    replay.cookies.delete("better-auth.session_data");
    const again = await replay.get(back);
    expect(again.headers.get("location")).toBe(failedAt("state_mismatch"));
    await expectNoSession(replay);
    expect(await app.sessionsOf(email)).toBe(1);
  });
});

describe("the provider says no, or cannot be reached", () => {
  test("access_denied: back on the sign-in page (or the flow's own error page) with words, no account", async () => {
    const email = uniqueEmail("denied");
    oidc.signInAs({ sub: newSubject(), email });
    oidc.denyNextAuthorization();
    const browser = app.device();
    const answer = await oidc.roundTrip(browser);
    expect(answer.headers.get("location")).toBe(failedAt("access_denied"));
    expect(messageAt(answer.headers.get("location"))).toBe("Signing in with Acme SSO was cancelled. Try again, or sign in with your email.");
    await expectNoSession(browser);

    oidc.denyNextAuthorization();
    const fromSignUp = await oidc.roundTrip(app.device(), { errorCallbackURL: "/sign-up" });
    expect(fromSignUp.headers.get("location")).toBe(failedAt("access_denied", "/sign-up"));
    expect(await app.userByEmail(email)).toBeNull();
  });

  test("a refused code exchange: words, no account", async () => {
    const email = uniqueEmail("refused");
    oidc.signInAs({ sub: newSubject(), email });
    oidc.refuseNextCodeExchange();
    const browser = app.device();
    const answer = await oidc.roundTrip(browser);
    expect(answer.headers.get("location")).toBe(failedAt("invalid_code"));
    expect(messageAt(answer.headers.get("location"))).toBe("Acme SSO didn't confirm this sign-in. Try again, or sign in with your email.");
    await expectNoSession(browser);
    expect(await app.userByEmail(email)).toBeNull();
  });

  test("down when the browser comes back: we couldn't reach it, nothing made", async () => {
    const email = uniqueEmail("offline");
    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    const back = await startAndAuthorize(browser);
    await oidc.stop();
    try {
      const answer = await browser.get(back);
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toBe(failedAt("provider_unreachable"));
      expect(messageAt(answer.headers.get("location"))).toBe("We couldn't reach Acme SSO. Try again, or sign in with your email.");
      await expectNoSession(browser);
      expect(await app.userByEmail(email)).toBeNull();
    } finally {
      await oidc.start();
    }
  });

  test("better-auth's own error page is never shown: it sends people to the sign-in page", async () => {
    const answer = await app.device().get("/error?error=access_denied");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/sign-in?error=access_denied");
  });
});

describe("ID tokens", () => {
  const cases: [string, (claims: Record<string, unknown>) => void][] = [
    ["for another app (audience)", (claims) => (claims.aud = "someone-elses-client")],
    ["past its expiry", (claims) => (claims.exp = Math.floor(Date.now() / 1000) - 3600)],
    ["from another issuer", (claims) => (claims.iss = "https://evil.example")],
    ["for another sign-in (nonce)", (claims) => (claims.nonce = "replayed-nonce")],
  ];
  for (const [what, tamper] of cases) {
    test(`one ${what} is refused: no session, no account`, async () => {
      const email = uniqueEmail("token");
      oidc.signInAs({ sub: newSubject(), email });
      oidc.tamperNextIdToken(tamper);
      const browser = app.device();
      const answer = await oidc.roundTrip(browser);
      expect(answer.headers.get("location")).toBe(failedAt("unable_to_get_user_info"));
      expect(messageAt(answer.headers.get("location"))).toBe("We couldn't verify your sign-in with Acme SSO. Try again, or sign in with your email.");
      await expectNoSession(browser);
      expect(await app.userByEmail(email)).toBeNull();
    });
  }

  test("one handed in by a client instead of the provider's page is refused", async () => {
    for (const path of ["/sign-in/social", "/link-social"]) {
      const refused = await app.device().post(path, { provider: "oidc", idToken: { token: "header.payload.signature" } });
      expect(refused.status, path).toBe(400);
      expect((await json(refused)).code).toBe("ID_TOKEN_SIGN_IN_NOT_OFFERED");
    }
  });
});

describe("redirects", () => {
  /** better-auth's own origin check answers first for what it knows, by field; the app's guard refuses the rest. */
  const refusalCodes: Record<string, string[]> = {
    callbackURL: ["INVALID_CALLBACK_URL", "INVALID_REDIRECT"],
    errorCallbackURL: ["INVALID_ERROR_CALLBACK_URL", "INVALID_REDIRECT"],
    newUserCallbackURL: ["INVALID_NEW_USER_CALLBACK_URL", "INVALID_REDIRECT"],
  };
  const hostile = [
    "https://evil.example/welcome",
    "//evil.example",
    "/\\evil.example",
    // Past better-auth's own check: the app's guard alone refuses these.
    `https://evil.example@${new URL(TRUSTED_ORIGIN).host}`,
    "/%09/evil.example",
  ];

  test("a callbackURL, errorCallbackURL or newUserCallbackURL to another site is refused before the provider is asked", async () => {
    const browser = await app.signedIn();
    // Each start stores its flow's state in a row of its own.
    const stateRows = () => app.db.verification.count({ where: { identifier: { startsWith: "auth-state:" } } });
    const before = await stateRows();
    for (const path of ["/sign-in/social", "/link-social"]) {
      for (const [field, codes] of Object.entries(refusalCodes)) {
        for (const target of hostile) {
          const refused = await browser.post(path, { provider: "oidc", [field]: target }, { headers: { "x-real-ip": newClientIp() } });
          expect(refused.status, `${path} ${field} ${target}`).toBe(403);
          expect(codes, `${path} ${field} ${target}`).toContain((await json(refused)).code);
        }
      }
    }
    expect(await stateRows()).toBe(before);
    const trusted = await app.device().post("/sign-in/social", { provider: "oidc", callbackURL: `${TRUSTED_ORIGIN}/home` });
    expect(trusted.status).toBe(200);
    expect(await stateRows()).toBe(before + 1);
  });
});

describe("limits per client address", () => {
  test("the start: 3 in 10 s (as every sign-in), the way back: 100 in 10 s, then 429; other clients go on", async () => {
    const browser = app.device();
    const starts = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      starts.push((await browser.post("/sign-in/social", { provider: "oidc", callbackURL: "/dashboard" })).status);
    }
    expect(starts).toEqual([200, 200, 200, 429]);

    const callbacks = [];
    for (let attempt = 0; attempt < 101; attempt++) callbacks.push((await browser.get("/callback/oidc?code=x&state=y")).status);
    expect(callbacks.slice(0, 100).every((status) => status === 302)).toBe(true);
    const limited = await browser.get("/callback/oidc?code=x&state=y");
    expect([callbacks[100], limited.status]).toEqual([429, 429]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await app.device().post("/sign-in/social", { provider: "oidc" })).status).toBe(200);
  });
});

describe("one provider account, two users", () => {
  test("connecting an account already connected to someone else is refused; it keeps signing into its owner", async () => {
    const sub = newSubject();
    const aliceEmail = uniqueEmail("alice");
    oidc.signInAs({ sub, email: aliceEmail });
    await oidc.roundTrip(app.device());
    const alice = (await app.userByEmail(aliceEmail))!;

    const bobEmail = uniqueEmail("bob");
    const bob = await app.signedIn(bobEmail);
    const bobId = (await app.userByEmail(bobEmail))!.id;
    // The provider account now shows Bob's address, verified.
    oidc.signInAs({ sub, email: bobEmail });
    const refused = await oidc.roundTrip(bob, { callbackURL: "/account", errorCallbackURL: "/account" }, "/link-social");
    expect(refused.headers.get("location")).toBe(failedAt("account_already_linked_to_different_user", "/account"));
    expect(messageAt(refused.headers.get("location"))).toBe(
      "This Acme SSO account is already connected to another account here. Sign in to that account to disconnect it first.",
    );
    expect(await app.db.account.findMany({ where: { accountId: sub }, select: { userId: true } })).toEqual([{ userId: alice.id }]);
    expect(await app.activity({ userId: bobId, type: "account.linked" })).toEqual([]);

    const signIn = app.device();
    await oidc.roundTrip(signIn);
    expect((await signIn.session())?.user.id).toBe(alice.id);
  });
});

describe("the second factor", () => {
  test("a user with two-factor on is challenged after the provider too: no session until the code", async () => {
    const email = uniqueEmail("2fa");
    const setup = await app.signedIn(email);
    const { totpURI } = await json<{ totpURI: string }>(await setup.post("/two-factor/enable", {}));
    const secret = secretOf(totpURI);
    expect((await setup.post("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
    const userId = (await app.userByEmail(email))!.id;

    oidc.signInAs({ sub: newSubject(), email });
    const browser = app.device();
    const answer = await oidc.roundTrip(browser, { callbackURL: "/account" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in/two-factor?callbackURL=%2Faccount`);
    expect(browser.cookies.has("better-auth.two_factor")).toBe(true);
    await expectNoSession(browser);
    expect(await app.activity({ userId, type: "session.created" })).toHaveLength(1);

    const verified = await browser.post("/two-factor/verify-totp", { code: totp(secret) }, { headers: { "x-real-ip": newClientIp() } });
    expect(verified.status).toBe(200);
    expect((await browser.session())?.user.id).toBe(userId);
    const newest = await app.db.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
    expect(newest.signInMethod).toBe("oidc+totp");
    expect((await app.activity({ userId, type: "session.created" })).at(-1)?.details).toEqual({ method: "oidc+totp" });
  });
});
