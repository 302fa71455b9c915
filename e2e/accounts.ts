import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from "node:crypto";
import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { baseURL } from "./config";
import { randomClientIp } from "./fixtures";
import { confirm, requestLink, testDatabase, uniqueEmail } from "./helpers";
import { totp } from "../tests/support/totp";

/**
 * Accounts in the states the tests start from: signed in (in a browser, or over HTTP), with two-factor on, with a
 * passkey; and what an authenticator app or device would do for them (TOTP codes, a virtual or a software passkey).
 */

const origin = { origin: baseURL() };

/** Signs a page in with an emailed link and waits for the page the link leads to. */
export async function signIn(page: Page, email: string, callbackURL = "/account") {
  const link = await requestLink(page.request, email, { callbackURL });
  await page.goto(link.toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`${callbackURL.replace(/\//g, "\\/")}$`));
}

/** Signs an HTTP client in with a link, as the confirmation page's button does, and expects it signed in. */
export async function signInOverHttp(request: APIRequestContext, email: string) {
  const link = await requestLink(request, email);
  const response = await request.post("/api/auth/magic-link/confirm", {
    form: Object.fromEntries(link.searchParams),
    headers: { origin: baseURL(), "sec-fetch-site": "same-origin" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}

/** Authenticator codes, computed as the in-process tests compute them. */
export { totp };

/**
 * A passkey made in Node (a P-256 key), its public half stored for a user as @better-auth/passkey stores one:
 * it signs whatever assertion a test needs, user verification flag included, which no browser lets a page forge.
 */
export async function softwarePasskey(userId: string, name = "Software key") {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { x, y } = publicKey.export({ format: "jwk" });
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}, CBOR-encoded.
  const cose = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    Buffer.from(x!, "base64url"),
    Buffer.from([0x22, 0x58, 0x20]),
    Buffer.from(y!, "base64url"),
  ]);
  const id = randomBytes(16).toString("base64url");
  const db = testDatabase();
  try {
    await db.execute({
      sql: "INSERT INTO passkey (id, name, publicKey, userId, credentialID, counter, deviceType, backedUp, createdAt) VALUES (?, ?, ?, ?, ?, 0, 'singleDevice', 0, ?)",
      args: [randomUUID(), name, cose.toString("base64"), userId, id, new Date().toISOString()],
    });
  } finally {
    db.close();
  }
  return { id, privateKey };
}

/** Opens a new link to callbackURL over HTTP, as the confirmation page's button does: the answer (a session, or the second step). */
export async function signInByLink(request: APIRequestContext, email: string, callbackURL = "/dashboard") {
  const link = await requestLink(request, email, { callbackURL });
  return confirm(request, link, origin);
}

/** The password of the accounts twoFactorUser makes. */
export const PASSWORD = "correct horse battery";

const secretOf = (totpURI: string) => new URL(totpURI).searchParams.get("secret")!;

/** A signed-in HTTP client with a password turns two-factor on: the secret and the backup codes. */
async function turnOn(request: APIRequestContext, password: string) {
  const enabled = await request.post("/api/auth/two-factor/enable", { data: { password }, headers: origin });
  expect(enabled.status()).toBe(200);
  const { totpURI, backupCodes } = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
  const secret = secretOf(totpURI);
  const proven = await request.post("/api/auth/two-factor/verify-totp", { data: { code: totp(secret) }, headers: origin });
  expect(proven.status()).toBe(200);
  return { secret, backupCodes };
}

/**
 * A new account with two-factor on and a password, signed out again: its address, secret and backup codes.
 * Its sign-ins use the password where the first factor does not matter: an address gets 3 emails per 10 minutes.
 */
export async function twoFactorUser(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }) {
  const email = uniqueEmail("2fa");
  const setup = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  expect((await signInByLink(setup, email)).status()).toBe(303);
  const password = await setup.post("/api/auth/account/set-password", { data: { newPassword: PASSWORD }, headers: origin });
  expect(password.status()).toBe(200);
  const { secret, backupCodes } = await turnOn(setup, PASSWORD);
  await setup.dispose();
  return { email, secret, backupCodes };
}

/** The first factor by password (from a new client address each time): the pending sign-in's answer. */
export async function signInByPassword(request: APIRequestContext, email: string) {
  const response = await request.post("/api/auth/sign-in/email", {
    data: { email, password: PASSWORD },
    headers: { ...origin, "x-real-ip": randomClientIp() },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
}

/** The session this client holds, or null. */
export const getSession = async (request: APIRequestContext) => (await request.get("/api/auth/get-session")).json();

/** No session: get-session is null, the account endpoints refuse, and protected pages send to sign-in. */
export async function expectNoSession(request: APIRequestContext) {
  expect(await getSession(request)).toBeNull();
  expect((await request.get("/api/auth/account/password")).status()).toBe(401);
  const page = await request.get("/dashboard", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/sign-in");
}

/** The second step with an authenticator code, for the pending sign-in this client holds. */
export const verifyTotp = (request: APIRequestContext, code: unknown, extra: Record<string, unknown> = {}) =>
  request.post("/api/auth/two-factor/verify-totp", { data: { code, ...extra }, headers: origin });

/** A virtual authenticator in the page's browser, as a laptop's fingerprint reader: its passkeys, when asked. */
export async function addAuthenticator(context: BrowserContext, page: Page) {
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

/** Adds a passkey from the security page, under this name. */
export async function addPasskey(page: Page, name: string) {
  await page.getByRole("textbox", { name: "Name for the new passkey" }).fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey added.")).toBeVisible();
}

/** The WebAuthn assertion a passkey gives for a challenge: user present, verified or not. */
export function assertion({ id, privateKey }: { id: string; privateKey: KeyObject }, challenge: string, userVerified: boolean, counter: number) {
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

/** Signs in over HTTP with a passkey: a challenge, then `answer` to it. */
export async function passkeySignIn(request: APIRequestContext, answer: (challenge: string) => object) {
  const options = await request.get("/api/auth/passkey/generate-authenticate-options");
  expect(options.status()).toBe(200);
  const { challenge } = await options.json();
  return request.post("/api/auth/passkey/verify-authentication", { data: answer(challenge), headers: origin });
}
