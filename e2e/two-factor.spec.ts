import type { APIRequestContext } from "@playwright/test";
import { createAuthClient } from "better-auth/client";
import { emailOTPClient, twoFactorClient } from "better-auth/client/plugins";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import {
  ageSessions,
  confirm,
  latestCode,
  requestLink,
  setCookieOf,
  totp,
  uniqueEmail,
  verifyUrl,
  wrongCode,
} from "./helpers";

/**
 * Two-factor authentication (TOTP and backup codes) after every first factor: the emailed link (confirmation
 * page and API), the emailed code and the password. Codes are computed from the secret, as an app does.
 */

const origin = { origin: baseURL() };

/** Signs an HTTP client in with a link, as the confirmation page's button does. */
async function signInByLink(request: APIRequestContext, email: string, callbackURL = "/dashboard") {
  const link = await requestLink(request, email, { callbackURL });
  return confirm(request, link, origin);
}

const PASSWORD = "correct horse battery";

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
async function twoFactorUser(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }) {
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
async function signInByPassword(request: APIRequestContext, email: string) {
  const response = await request.post("/api/auth/sign-in/email", {
    data: { email, password: PASSWORD },
    headers: { ...origin, "x-real-ip": randomClientIp() },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
}

const getSession = async (request: APIRequestContext) => (await request.get("/api/auth/get-session")).json();

/** No session: get-session is null, the account endpoints refuse, and protected pages send to sign-in. */
async function expectNoSession(request: APIRequestContext) {
  expect(await getSession(request)).toBeNull();
  expect((await request.get("/api/auth/account/password")).status()).toBe(401);
  const page = await request.get("/dashboard", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/sign-in");
}

const verifyTotp = (request: APIRequestContext, code: unknown, extra: Record<string, unknown> = {}) =>
  request.post("/api/auth/two-factor/verify-totp", { data: { code, ...extra }, headers: origin });

test.describe("turning two-factor on and signing in with it, in the browser", () => {
  test("set up from the security page, then a link sign-in asks for the app's code before any session", async ({ page }) => {
    const email = uniqueEmail("2fa-browser");
    const link = await requestLink(page.request, email, { callbackURL: "/account/security" });
    await page.goto(link.toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/account\/security$/);

    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    await page.getByRole("textbox", { name: "Code from the app" }).fill(totp(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("Two-factor authentication is on.")).toBeVisible();
    const codes = await page.getByTestId("backup-codes").getByRole("listitem").allTextContents();
    expect(codes).toHaveLength(10);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download .txt" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("backup-codes.txt");
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("button", { name: "Turn off two-factor authentication" })).toBeVisible();

    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const next = await requestLink(page.request, email, { callbackURL: "/account/activity" });
    await page.goto(next.toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/sign-in\/two-factor\?callbackURL=%2Faccount%2Factivity$/);
    await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
    await expectNoSession(page.request);

    await page.getByRole("textbox", { name: "Authentication code" }).fill(wrongCode(totp(secret)));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText("That code is not right.")).toBeVisible();
    await page.getByRole("textbox", { name: "Authentication code" }).fill(totp(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/account\/activity$/);
    const activity = page.getByTestId("activity");
    await expect(activity).toContainText("Signed in with an email link and an authenticator code");
    await expect(activity).toContainText("Second step failed: wrong authenticator code");
    await expect(activity).toContainText("Two-factor authentication turned on");
  });

  test("a backup code signs in instead, once; the device can be trusted for 30 days", async ({ page, playwright }) => {
    const { email, backupCodes } = await twoFactorUser(playwright);
    const link = await requestLink(page.request, email);
    await page.goto(link.toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Use a backup code instead" }).click();
    await page.getByRole("textbox", { name: "Backup code" }).fill(backupCodes[0]);
    await page.getByRole("checkbox", { name: "Trust this device for 30 days" }).check();
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    // Trusted: the next link signs straight in, in this browser only.
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto((await requestLink(page.request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    const elsewhere = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    await signInByPassword(elsewhere, email);
    const reused = await elsewhere.post("/api/auth/two-factor/verify-backup-code", { data: { code: backupCodes[0] }, headers: origin });
    expect(reused.status()).toBe(401);
    expect((await reused.json()).code).toBe("INVALID_BACKUP_CODE");
    await elsewhere.dispose();
  });
});

test.describe("every first factor is challenged", () => {
  test("the API's GET verify: JSON without a callbackURL, a redirect to the two-factor page with one", async ({ request, playwright }) => {
    const { email, secret } = await twoFactorUser(playwright);
    const link = await requestLink(request, email);
    const api = verifyUrl(link);
    api.searchParams.delete("callbackURL");
    const answer = await request.get(api.toString(), { maxRedirects: 0 });
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    const cookies = setCookieOf(answer).join("\n");
    expect(cookies).toMatch(/better-auth\.two_factor=/);
    expect(cookies).not.toMatch(/better-auth\.session_token=[^;]/);
    await expectNoSession(request);

    const verified = await verifyTotp(request, totp(secret));
    expect(verified.status()).toBe(200);
    expect((await getSession(request)).user.email).toBe(email);

    const browserLink = verifyUrl(await requestLink(request, email, { callbackURL: "/account" }));
    const redirected = await request.get(browserLink.toString(), { maxRedirects: 0 });
    expect(redirected.status()).toBe(302);
    expect(redirected.headers().location).toBe(`${baseURL()}/sign-in/two-factor?callbackURL=%2Faccount`);
  });

  test("the emailed code, and the official twoFactorClient finishing the sign-in", async ({ request, playwright }) => {
    const { email, secret } = await twoFactorUser(playwright);
    let cookie = "";
    const client = createAuthClient({
      baseURL: baseURL(),
      plugins: [emailOTPClient(), twoFactorClient()],
      fetchOptions: {
        headers: { origin: baseURL(), "x-real-ip": randomClientIp() },
        onRequest: (context) => {
          if (cookie) context.headers.set("cookie", cookie);
        },
        onResponse: ({ response }) => {
          const pending = response.headers.getSetCookie().find((value) => /two_factor=[^;]/.test(value));
          const session = response.headers.getSetCookie().find((value) => /session_token=[^;]/.test(value));
          if (pending || session) cookie = (session ?? pending)!.split(";")[0];
        },
      },
    });
    expect((await client.emailOtp.sendVerificationOtp({ email, type: "sign-in" })).error).toBeNull();
    const first = await client.signIn.emailOtp({ email, otp: await latestCode(request, email) });
    expect(first.error).toBeNull();
    expect(first.data).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    expect(cookie).toMatch(/two_factor=/);
    const second = await client.twoFactor.verifyTotp({ code: totp(secret) });
    expect(second.error).toBeNull();
    expect(second.data?.user.email).toBe(email);
    expect(cookie).toMatch(/session_token=/);
    expect((await client.getSession()).data?.user.email).toBe(email);
  });

  test("the password, on the password page", async ({ page, playwright }) => {
    const { email, secret } = await twoFactorUser(playwright);
    await page.goto("/sign-in/password?callbackURL=%2Faccount");
    await page.getByRole("textbox", { name: "Email" }).fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/two-factor\?callbackURL=%2Faccount$/);
    await expectNoSession(page.request);
    await page.getByRole("textbox", { name: "Authentication code" }).fill(totp(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });
});

test.describe("limits and turning it off", () => {
  test("5 wrong codes end a pending sign-in; 10 in a row lock the account for 15 minutes", async ({ request, playwright }) => {
    const { email, secret } = await twoFactorUser(playwright);
    const wrong = wrongCode(totp(secret));
    const tries = async (count: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < count; i++) {
        const response = await request.post("/api/auth/two-factor/verify-totp", {
          data: { code: wrong },
          // From many addresses: the per-IP limit is not what stops this.
          headers: { ...origin, "x-real-ip": randomClientIp() },
        });
        statuses.push(response.status());
      }
      return statuses;
    };
    await signInByPassword(request, email);
    expect(await tries(5)).toEqual([401, 401, 401, 401, 401]);
    const ended = await verifyTotp(request, totp(secret));
    expect(ended.status()).toBe(400);
    expect((await ended.json()).code).toBe("TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");

    await signInByPassword(request, email);
    expect(await tries(5)).toEqual([401, 401, 401, 401, 401]);
    await signInByPassword(request, email);
    const locked = await verifyTotp(request, totp(secret));
    expect(locked.status()).toBe(429);
    expect((await locked.json()).code).toBe("ACCOUNT_TEMPORARILY_LOCKED");
    expect(await getSession(request)).toBeNull();
  });

  test("turning off needs a fresh sign-in and a current code or a backup code", async ({ request, playwright }) => {
    const { email, secret, backupCodes } = await twoFactorUser(playwright);
    await signInByPassword(request, email);
    expect((await verifyTotp(request, totp(secret))).status()).toBe(200);

    const disable = (data: Record<string, unknown>) =>
      request.post("/api/auth/two-factor/disable", { data, headers: { ...origin, "x-real-ip": randomClientIp() } });
    for (const data of [{}, { code: "" }, { code: wrongCode(totp(secret)) }, { code: "aaaaa-bbbbb" }, { code: 123456 }]) {
      const refused = await disable(data);
      expect(refused.status(), JSON.stringify(data)).toBe(400);
      expect((await refused.json()).code).toBe("INVALID_CODE");
    }
    await ageSessions(email);
    const stale = await disable({ code: totp(secret), password: PASSWORD });
    expect(stale.status()).toBe(403);
    expect((await stale.json()).code).toBe("SESSION_NOT_FRESH");

    await signInByPassword(request, email);
    expect((await request.post("/api/auth/two-factor/verify-backup-code", { data: { code: backupCodes[1] }, headers: origin })).status()).toBe(200);
    expect((await disable({ code: backupCodes[2], password: PASSWORD })).status()).toBe(200);
    // Off: the next link signs straight in.
    const next = await signInByLink(request, email, "/account");
    expect(next.headers().location).toBe(`${baseURL()}/account`);
  });
});

test.describe("hostile", () => {
  test("a pending sign-in's cookie works once, nowhere else, and only with its own user's code", async ({ request, playwright }) => {
    const alice = await twoFactorUser(playwright);
    const bob = await twoFactorUser(playwright);
    await signInByPassword(request, alice.email);
    const pending = (await request.storageState()).cookies.find((cookie) => cookie.name.endsWith("two_factor"))!;
    expect(pending).toBeTruthy();

    // Bob's code against Alice's pending sign-in.
    const bobsCode = await verifyTotp(request, totp(bob.secret));
    expect(bobsCode.status()).toBe(401);
    expect((await bobsCode.json()).code).toBe("INVALID_CODE");

    // Another browser, without the cookie.
    const other = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const noCookie = await verifyTotp(other, totp(alice.secret));
    expect(noCookie.status()).toBe(401);
    expect((await noCookie.json()).code).toBe("INVALID_TWO_FACTOR_COOKIE");

    expect((await verifyTotp(request, totp(alice.secret))).status()).toBe(200);
    // The same cookie again, replayed from another client after it was used.
    const replay = await other.post("/api/auth/two-factor/verify-totp", {
      data: { code: totp(alice.secret) },
      headers: { ...origin, cookie: `${pending.name}=${pending.value}` },
    });
    expect(replay.status()).toBe(401);
    expect(await getSession(other)).toBeNull();
    await other.dispose();
  });

  test("garbage codes and bodies get 4xx, never 5xx", async ({ request, playwright }) => {
    const { email } = await twoFactorUser(playwright);
    await signInByPassword(request, email);
    const bodies: unknown[] = [
      { code: null },
      { code: 123456 },
      { code: ["123456"] },
      { code: { $gt: "" } },
      { code: "x".repeat(5000) },
      { code: "' OR 1=1 --" },
      { code: "123456", trustDevice: "yes" },
      "not json",
    ];
    for (const path of ["/api/auth/two-factor/verify-totp", "/api/auth/two-factor/verify-backup-code"]) {
      for (const data of bodies) {
        const response = await request.post(path, { data, headers: { ...origin, "x-real-ip": randomClientIp() } });
        expect(response.status(), `${path} ${JSON.stringify(data)}`).toBeGreaterThanOrEqual(400);
        expect(response.status(), `${path} ${JSON.stringify(data)}`).toBeLessThan(500);
      }
    }
  });

  test("no emailed link, old or new, is a way around the second factor", async ({ request, playwright }) => {
    const { email } = await twoFactorUser(playwright);
    const older = await requestLink(request, email);
    const newer = await requestLink(request, email);
    expect((await confirm(request, older, origin)).headers().location).toContain("error=INVALID_TOKEN");
    expect((await confirm(request, newer, origin)).headers().location).toContain("/sign-in/two-factor");
    await expectNoSession(request);
  });
});
