import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { addAuthenticator, addPasskey, assertion, passkeySignIn, signIn, softwarePasskey } from "./accounts";
import { confirm, requestLink, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * What an attacker can do to passkeys, against the production build: reach another user's, forge or replay an
 * answer, or sign one without user verification (made in Node, as no browser lets a page forge one).
 */

const origin = { origin: baseURL() };

test.describe("one user and another", () => {
  test("another user's passkey can't be renamed, deleted or listed", async ({ context, page, playwright }) => {
    await addAuthenticator(context, page);
    await signIn(page, uniqueEmail("passkey-owner"), "/account/security");
    await addPasskey(page, "Mine");
    const [mine] = await (await page.request.get("/api/auth/passkey/list-user-passkeys")).json();

    const mallory = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const link = await requestLink(mallory, uniqueEmail("mallory"));
    await mallory.post("/api/auth/magic-link/confirm", {
      form: Object.fromEntries(link.searchParams),
      headers: { ...origin, "sec-fetch-site": "same-origin" },
    });
    expect(await (await mallory.get("/api/auth/passkey/list-user-passkeys")).json()).toEqual([]);
    for (const [path, data] of [
      ["/api/auth/passkey/delete-passkey", { id: mine.id }],
      ["/api/auth/passkey/update-passkey", { id: mine.id, name: "pwned" }],
    ] as const) {
      const response = await mallory.post(path, { data, headers: origin });
      expect(response.status(), path).toBeGreaterThanOrEqual(400);
      expect(response.status(), path).toBeLessThan(500);
    }
    await mallory.dispose();
    const [still] = await (await page.request.get("/api/auth/passkey/list-user-passkeys")).json();
    expect(still).toMatchObject({ id: mine.id, name: "Mine" });
  });
});

test.describe("forged answers", () => {
  test("forged, replayed and garbage passkey answers get 4xx, never 5xx, and no session", async ({ request }) => {
    const verify = (data: unknown) =>
      request.post("/api/auth/passkey/verify-authentication", { data, headers: { ...origin, "x-real-ip": randomClientIp() } });
    const forged = {
      response: {
        id: "AAAA",
        rawId: "AAAA",
        type: "public-key",
        response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
        clientExtensionResults: {},
      },
    };
    // Without a challenge cookie, then with one (a real challenge) but an answer no passkey made.
    for (const data of [forged, {}, { response: null }, { response: "x".repeat(10_000) }, "garbage"]) {
      const response = await verify(data);
      expect(response.status(), JSON.stringify(data).slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(response.status()).toBeLessThan(500);
    }
    expect((await request.get("/api/auth/passkey/generate-authenticate-options")).status()).toBe(200);
    const withChallenge = await verify(forged);
    expect(withChallenge.status()).toBeGreaterThanOrEqual(400);
    expect(withChallenge.status()).toBeLessThan(500);
    expect(await (await request.get("/api/auth/get-session")).json()).toBeNull();
    // Registration needs a signed-in, fresh session.
    expect((await request.get("/api/auth/passkey/generate-register-options")).status()).toBe(401);
  });
});

test.describe("passkeys, at the protocol level", () => {
  test("only an assertion with user verification signs in, once per challenge", async ({ request, playwright }) => {
    const email = uniqueEmail("software-passkey");
    const setup = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    await confirm(setup, await requestLink(setup, email), origin);
    await setup.dispose();
    const [{ id: userId }] = await usersWithEmail(email);
    const key = await softwarePasskey(String(userId));

    const unverified = await passkeySignIn(request, (challenge) => assertion(key, challenge, false, 1));
    expect(unverified.status()).toBe(401);
    expect((await unverified.json()).code).toBe("USER_NOT_VERIFIED");
    expect(await (await request.get("/api/auth/get-session")).json()).toBeNull();

    let replayable: object = {};
    const verified = await passkeySignIn(request, (challenge) => (replayable = assertion(key, challenge, true, 2)));
    expect(verified.status()).toBe(200);
    expect((await (await request.get("/api/auth/get-session")).json()).user.email).toBe(email);

    // The same signed answer again: its challenge was used.
    const replay = await request.post("/api/auth/passkey/verify-authentication", { data: replayable, headers: origin });
    expect(replay.status()).toBe(400);
  });
});
