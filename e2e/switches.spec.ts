import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashPassword } from "better-auth/crypto";
import { TURNED_OFF_NOTICES } from "../lib/common/messages";
import { ENDPOINTS } from "../lib/common/paths";
import { baseURL, TEST_PORTS } from "./config";
import { expect, test } from "./fixtures";
import { requestLink, testDatabase, uniqueEmail } from "./helpers";

/**
 * The server with AUTH_PASSWORD, AUTH_PASSKEYS and AUTH_TWO_FACTOR all "false": email sign-in only. Nothing on its
 * pages offers a password, a passkey or a second factor, their pages and endpoints answer 404, and an account that
 * held all three before signs in by email in one step and is told what changed.
 */

const PORT = TEST_PORTS.featuresOff;
const SITE = baseURL(PORT);

test.use({ baseURL: SITE });

/** An account as one made before the switches: a password, a passkey and two-factor on, as better-auth stores them. */
async function accountWithEverything(email: string) {
  const db = testDatabase("featuresOff");
  const now = new Date().toISOString();
  const userId = randomUUID();
  try {
    await db.batch([
      {
        sql: 'INSERT INTO "user" (id, name, email, emailVerified, twoFactorEnabled, createdAt, updatedAt) VALUES (?, ?, ?, 1, 1, ?, ?)',
        args: [userId, "Pat", email, now, now],
      },
      {
        sql: "INSERT INTO account (id, accountId, providerId, userId, password, createdAt, updatedAt) VALUES (?, ?, 'credential', ?, ?, ?, ?)",
        args: [randomUUID(), userId, userId, await hashPassword("correct horse battery"), now, now],
      },
      {
        sql: "INSERT INTO passkey (id, name, publicKey, userId, credentialID, counter, deviceType, backedUp, createdAt) VALUES (?, 'Laptop', ?, ?, ?, 0, 'singleDevice', 0, ?)",
        args: [randomUUID(), randomBytes(77).toString("base64"), userId, randomBytes(16).toString("base64url"), now],
      },
      {
        sql: 'INSERT INTO "twoFactor" (id, secret, backupCodes, userId) VALUES (?, ?, ?, ?)',
        args: [randomUUID(), "encrypted-secret", "encrypted-codes", userId],
      },
    ]);
  } finally {
    db.close();
  }
}

/** Signs a page in with an emailed link, straight to the Security page: one step, whatever the account holds. */
async function signInToSecurity(page: Page, email: string) {
  const link = await requestLink(page.request, email, { callbackURL: "/account/security" }, PORT);
  await page.goto(link.toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${SITE}/account/security`);
}

test("the sign-in and home pages offer email only: no password link, no sign-up with a password, no passkey button", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
  await expect(page.getByText("New here? Signing in creates your account.")).toBeVisible();
  await expect(page.getByRole("link", { name: /password/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /passkey/i })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText(/password|passkey/i);
  await page.goto("/");
  await expect(page.locator("main")).toContainText("Passwordless sign-in");
  await expect(page.locator("main")).not.toContainText(/a password/i);
});

test("the password and two-factor pages answer 404", async ({ request }) => {
  for (const path of ["/sign-in/password", "/sign-up", "/forgot-password", "/reset-password?token=abc", "/sign-in/two-factor"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("over HTTP every password, passkey and two-factor endpoint answers 404", async ({ request }) => {
  const origin = { origin: SITE };
  const password = [ENDPOINTS.signInWithPassword, ENDPOINTS.signUp, ENDPOINTS.requestPasswordReset, ENDPOINTS.resetPassword];
  for (const path of password) {
    const response = await request.post(`/api/auth${path}`, { data: { email: uniqueEmail("http"), password: "x".repeat(12) }, headers: origin });
    expect(response.status(), path).toBe(404);
    expect(await response.json(), path).toEqual({ code: "NOT_FOUND", message: "This app does not use passwords: sign in with your email." });
  }
  const plugins = Object.values(ENDPOINTS).filter((path) => path.startsWith("/passkey/") || path.startsWith("/two-factor/"));
  for (const path of plugins) {
    expect((await request.get(`/api/auth${path}`)).status(), `GET ${path}`).toBe(404);
    expect((await request.post(`/api/auth${path}`, { data: { code: "123456" }, headers: origin })).status(), `POST ${path}`).toBe(404);
  }
});

test("an account that had a password, a passkey and two-factor signs in by link in one step and reads what changed", async ({ page }) => {
  const email = uniqueEmail("had-it-all");
  await accountWithEverything(email);
  await signInToSecurity(page, email);
  const notices = page.getByTestId("turned-off");
  for (const notice of Object.values(TURNED_OFF_NOTICES)) await expect(notices).toContainText(notice);
  for (const section of ["Change your password", "Add a password", "Two-factor authentication", "Passkeys"]) {
    await expect(page.getByRole("heading", { name: section, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("heading", { name: "Delete your account" })).toBeVisible();
  await expect(page.getByText("Deleting your account removes your profile, sessions and activity.")).toBeVisible();
});

test("an account that never had them sees no notice and no section of theirs", async ({ page }) => {
  await signInToSecurity(page, uniqueEmail("email-only"));
  await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  await expect(page.getByTestId("turned-off")).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText(/password|passkey|two-factor/i);
});
