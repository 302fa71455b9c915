import { createAuthClient } from "better-auth/client";
import { emailOTPClient, twoFactorClient } from "better-auth/client/plugins";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import {
  expectNoSession,
  getSession,
  PASSWORD,
  signInByLink,
  signInByPassword,
  totp,
  twoFactorUser,
  verifyTotp,
} from "./accounts";
import {
  ageSessions,
  latestCode,
  requestLink,
  setCookieOf,
  testDatabase,
  uniqueEmail,
  usersWithEmail,
  verifyUrl,
  wrongCode,
} from "./helpers";

/**
 * Two-factor authentication (TOTP and backup codes) after every first factor: the emailed link (confirmation
 * page and API), the emailed code and the password. Codes are computed from the secret, as an app does.
 * Attempts to get around it are in two-factor.security.spec.ts.
 */

const origin = { origin: baseURL() };

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

test.describe("the two-factor page with nothing to verify", () => {
  test("says so at once, in one sentence, with one way to sign in", async ({ page }) => {
    await page.goto("/sign-in/two-factor?callbackURL=%2Faccount");
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
    await expect(main.getByText("No sign-in is waiting for a code in this browser.")).toBeVisible();
    await expect(main.getByRole("textbox")).toHaveCount(0);
    await expect(main.getByRole("button")).toHaveCount(0);
    await expect(main.getByRole("link")).toHaveText(["Sign in"]);
    await main.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Faccount$/);
  });

  test("a sign-in that expires while its page is open: the code is refused in one sentence, with one way on", async ({
    page,
    playwright,
  }) => {
    const { email, secret } = await twoFactorUser(playwright);
    await page.goto((await requestLink(page.request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("textbox", { name: "Authentication code" })).toBeVisible();
    // Ten minutes later, as far as the server knows: the pending sign-in's row has expired.
    const [{ id }] = await usersWithEmail(email);
    const db = testDatabase();
    try {
      await db.execute({ sql: "UPDATE verification SET expiresAt = ? WHERE value = ?", args: [new Date(Date.now() - 1000).toISOString(), id] });
    } finally {
      db.close();
    }
    await page.getByRole("textbox", { name: "Authentication code" }).fill(totp(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    const main = page.getByRole("main");
    await expect(main.getByRole("alert")).toHaveText("This sign-in has expired or was finished already.");
    await expect(main.getByRole("textbox")).toHaveCount(0);
    await expect(main.getByRole("link")).toHaveText(["Sign in"]);
    await expect(main).not.toContainText("again");
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
