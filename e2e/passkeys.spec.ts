import { createHash, sign, type KeyObject } from "node:crypto";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { confirm, requestLink, softwarePasskey, totp, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * Passkeys in Chromium with the DevTools Protocol's virtual authenticator: a platform authenticator
 * (internal transport) with resident keys and user verification, as a laptop's fingerprint reader is.
 */

/**
 * Chromium's virtual authenticator answers autofill (conditional) requests by itself, as if the person picked
 * the passkey at once; tests of the button turn autofill off, so the button is what signs in.
 */
async function withoutAutofill(page: Page) {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}

async function addAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials };
}

async function signInByLink(page: Page, email: string, callbackURL: string) {
  await page.goto((await requestLink(page.request, email, { callbackURL })).toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`${callbackURL}$`));
}

async function addPasskey(page: Page, name: string) {
  await page.getByRole("textbox", { name: "Name for the new passkey" }).fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey added.")).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

const origin = { origin: baseURL() };

test.describe("passkeys", () => {
  test("add, rename, sign in with it, delete it; then it fails cleanly", async ({ context, page }) => {
    await withoutAutofill(page);
    const authenticator = await addAuthenticator(context, page);
    const email = uniqueEmail("passkey");
    await signInByLink(page, email, "/account/security");
    await addPasskey(page, "Test laptop");
    const passkeys = page.getByTestId("passkeys");
    await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
    await expect(passkeys).toContainText("Test laptop");
    // The device knows the passkey by the account's address; the list by its label.
    const [credential] = await authenticator.credentials();
    expect(credential.userName).toBe(email);

    await page.getByRole("button", { name: "Rename Test laptop" }).click();
    await page.getByRole("textbox", { name: "New name for Test laptop" }).fill("Work laptop");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(passkeys).toContainText("Work laptop");

    await signOut(page);
    await page.goto("/sign-in?callbackURL=%2Faccount%2Factivity");
    await expect(page.getByRole("textbox", { name: "Email" })).toHaveAttribute("autocomplete", "username webauthn");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page).toHaveURL(/\/account\/activity$/);
    const activity = page.getByTestId("activity");
    await expect(activity).toContainText("Signed in with a passkey");
    await expect(activity).toContainText("Passkey added: Test laptop");

    await page.goto("/account/security");
    await page.getByRole("button", { name: "Delete Work laptop" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByTestId("passkeys")).toHaveCount(0);

    await signOut(page);
    // The browser still holds the credential; the server no longer knows it.
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page.getByText("This passkey isn't registered here any more.")).toBeVisible();
    expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
  });

  test("autofill signs in a two-factor account with its passkey, without asking for a code", async ({ context, page }) => {
    await addAuthenticator(context, page);
    const email = uniqueEmail("passkey-2fa");
    await signInByLink(page, email, "/account/security");
    await addPasskey(page, "Laptop");
    const enabled = await page.request.post("/api/auth/two-factor/enable", { data: {}, headers: origin });
    expect(enabled.status()).toBe(200);
    const { totpURI } = await enabled.json();
    const secret = new URL(totpURI).searchParams.get("secret")!;
    expect((await page.request.post("/api/auth/two-factor/verify-totp", { data: { code: totp(secret) }, headers: origin })).status()).toBe(200);

    await page.goto("/dashboard");
    await signOut(page);
    // The sign-in page asks for autofill on load; the authenticator answers as a person picking the passkey would.
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});

test.describe("passkeys, hostile", () => {
  test("another user's passkey can't be renamed, deleted or listed", async ({ context, page, playwright }) => {
    await addAuthenticator(context, page);
    await signInByLink(page, uniqueEmail("passkey-owner"), "/account/security");
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

/** The WebAuthn assertion a passkey gives for a challenge: user present, verified or not. */
function assertion({ id, privateKey }: { id: string; privateKey: KeyObject }, challenge: string, userVerified: boolean, counter: number) {
  const clientData = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: baseURL(), crossOrigin: false }));
  const signCount = Buffer.alloc(4);
  signCount.writeUInt32BE(counter);
  const flags = userVerified ? 0x05 : 0x01;
  const authenticatorData = Buffer.concat([createHash("sha256").update("localhost").digest(), Buffer.from([flags]), signCount]);
  const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientData).digest()]), privateKey);
  return {
    response: {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: clientData.toString("base64url"),
        authenticatorData: authenticatorData.toString("base64url"),
        signature: signature.toString("base64url"),
      },
      clientExtensionResults: {},
    },
  };
}

async function passkeySignIn(request: APIRequestContext, answer: (challenge: string) => object) {
  const options = await request.get("/api/auth/passkey/generate-authenticate-options");
  expect(options.status()).toBe(200);
  const { challenge } = await options.json();
  return request.post("/api/auth/passkey/verify-authentication", { data: answer(challenge), headers: origin });
}

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
