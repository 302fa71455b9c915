import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { signIn, signInOverHttp, softwarePasskey } from "./accounts";
import { baseURL, E2E_ADMINS } from "./config";
import { confirm, requestLink, sessionsFor, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * The admin console in the browser: the users table, a user's page and its actions, impersonation and its banner,
 * and what everyone else gets. Who may call which endpoint is tested over HTTP in tests/admin/; each test here has
 * an admin of its own (E2E_ADMINS), so no test's actions touch another's.
 */

const origin = { origin: baseURL() };

/** Signs a page in as a listed admin holding a passkey, on the console. */
async function signInAsAdmin(page: Page, email: string, { secondFactor = true } = {}) {
  await signIn(page, email, "/dashboard");
  if (secondFactor) {
    const [{ id }] = await usersWithEmail(email);
    await softwarePasskey(String(id));
  }
  await page.goto("/admin");
}

/** A person who is no admin, signed in over HTTP on a client of their own. */
async function member(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, label = "member") {
  const email = uniqueEmail(label);
  const request = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  await signInOverHttp(request, email);
  const [{ id }] = await usersWithEmail(email);
  return { email, id: String(id), request };
}

test("an admin finds an account by part of its address and signs one of its sessions out", async ({ page, playwright }) => {
  const user = await member(playwright, "findme");
  const laptop = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  await signInOverHttp(laptop, user.email);
  expect(await sessionsFor(user.email)).toBe(2);

  await signInAsAdmin(page, E2E_ADMINS[0]);
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByLabel("Search by address or name").fill(user.email.split("@")[0].toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: /1 account matches/ })).toBeVisible();
  const row = page.getByTestId("user-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Email link, Email code");
  await expect(row).toContainText("Active");
  await row.getByRole("link", { name: user.email }).click();

  await expect(page.getByRole("heading", { name: user.email, level: 1 })).toBeVisible();
  const sessions = page.locator("#sessions-heading").locator("..").getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await sessions.first().getByRole("button", { name: /^Sign out/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "is signed out." })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  expect(await sessionsFor(user.email)).toBe(1);
  await expect(page.getByTestId("activity").locator('[data-event="admin.sessions_revoked"]')).toContainText(
    `A session was signed out by an admin (${E2E_ADMINS[0]})`,
  );
  await laptop.dispose();
  await user.request.dispose();
});

test("a suspension ends every session and refuses a link sent before it; lifting it lets that link sign in", async ({ page, playwright }) => {
  const user = await member(playwright, "suspended");
  await signInAsAdmin(page, E2E_ADMINS[8]);
  await page.goto(`/admin/users/${user.id}`);
  const sessions = page.locator("#sessions-heading").locator("..").getByTestId("session");
  await expect(sessions).toHaveCount(1);

  // A link sent before the suspension: refused while it lasts, and good again once it is lifted.
  const link = await requestLink(user.request, user.email);
  await page.getByLabel(/^Reason/).fill("Chargeback under review");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Suspend account" }).click();
  await expect(page.getByTestId("suspension")).toContainText("Reason: Chargeback under review. Until lifted.");
  await expect(sessions).toHaveCount(0);
  expect(await sessionsFor(user.email)).toBe(0);

  // The suspended account's cookie is refused at once (asking for an email is refused too: e2e/admin.security.spec.ts).
  const session = await user.request.get("/api/auth/get-session?disableCookieCache=true");
  expect(await session.json()).toBeNull();

  // The account's activity on its page names the admin.
  const activity = page.getByTestId("activity");
  await expect(activity.locator('[data-event="admin.user_suspended"]')).toContainText(
    `Account suspended by an admin: Chargeback under review (${E2E_ADMINS[8]})`,
  );
  await expect(activity.locator('[data-event="admin.sessions_revoked"]')).toHaveCount(0);

  await page.goto(`/admin?q=${encodeURIComponent(user.email)}`);
  await expect(page.getByTestId("user-row")).toContainText("Suspended");

  await page.getByRole("link", { name: user.email }).click();
  expect((await confirm(user.request, link, origin)).headers().location).toContain("error=BANNED_USER");
  expect(await sessionsFor(user.email)).toBe(0);
  await page.getByRole("button", { name: "Lift suspension" }).click();
  await expect(page.getByRole("button", { name: "Suspend account" })).toBeVisible();
  expect((await confirm(user.request, link, origin)).status()).toBe(303);
  expect(await sessionsFor(user.email)).toBe(1);
  await user.request.dispose();
});

test("a suspension with an end day says when it ends; a day already past is refused beside the field", async ({ page, playwright }) => {
  const user = await member(playwright, "until");
  await signInAsAdmin(page, E2E_ADMINS[1]);
  await page.goto(`/admin/users/${user.id}`);
  await page.getByLabel(/^Ends on/).fill("2020-01-01");
  await page.getByRole("button", { name: "Suspend account" }).click();
  await expect(page.getByText("Choose a day after today")).toBeVisible();
  const day = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await page.getByLabel(/^Ends on/).fill(day);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Suspend account" }).click();
  await expect(page.getByTestId("suspension")).toContainText("Reason: No reason. Ends");
  const db = testDatabase();
  try {
    const { rows } = await db.execute({ sql: "SELECT banExpires FROM user WHERE id = ?", args: [user.id] });
    expect(new Date(String(rows[0].banExpires)).toISOString().slice(0, 10)).toBe(day);
  } finally {
    db.close();
  }
  await user.request.dispose();
});

test("impersonation: a banner on every page, no console and no sign-in changes while it lasts, Stop comes back; both ends recorded", async ({ page, playwright }) => {
  const user = await member(playwright, "viewed");
  await signInAsAdmin(page, E2E_ADMINS[2]);
  await page.goto(`/admin/users/${user.id}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Sign in as this user" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toHaveText(`Signed in as ${user.email} by admin ${E2E_ADMINS[2]}`);
  await page.goto("/account/security");
  await expect(banner).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" })).toHaveCount(0);

  // The console is not the user's; the account's sign-in settings are not the admin's to change.
  const forbidden = await page.request.get("/admin");
  expect(forbidden.status()).toBe(403);
  const change = await page.request.post("/api/auth/change-email", { data: { newEmail: uniqueEmail("taken") }, headers: origin });
  expect(change.status()).toBe(403);
  expect(await change.json()).toMatchObject({ code: "NOT_WHILE_IMPERSONATING" });

  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${user.id}$`));
  await expect(banner).toHaveCount(0);
  const activity = page.getByTestId("activity");
  await expect(activity.locator('[data-event="admin.impersonation_started"]')).toContainText(E2E_ADMINS[2]);
  await expect(activity.locator('[data-event="admin.impersonation_stopped"]')).toContainText(E2E_ADMINS[2]);
  await user.request.dispose();
});

test("deleting an account is confirmed by typing its address; it is gone from the table", async ({ page, playwright }) => {
  const user = await member(playwright, "deleted");
  await signInAsAdmin(page, E2E_ADMINS[3]);
  await page.goto(`/admin/users/${user.id}`);
  const remove = page.getByRole("button", { name: "Delete account" });
  await page.getByLabel(/^Type the address/).fill("someone@example.com");
  await expect(page.getByText("That is not the account's address.")).toBeVisible();
  await expect(remove).toBeDisabled();
  await page.getByLabel(/^Type the address/).fill(user.email);
  await remove.click();
  await expect(page).toHaveURL(/\/admin\?deleted=1$/);
  await expect(page.getByRole("status")).toHaveText("The account was deleted.");
  expect(await usersWithEmail(user.email)).toHaveLength(0);
  const session = await user.request.get("/api/auth/get-session?disableCookieCache=true");
  expect(await session.json()).toBeNull();
  await user.request.dispose();
});

test("the users table pages through matches 25 at a time, newest first", async ({ page }) => {
  const label = `paged${randomUUID().slice(0, 6)}`;
  const db = testDatabase();
  try {
    const start = Date.now() - 60_000;
    for (let index = 0; index < 27; index++) {
      const at = new Date(start + index * 1000).toISOString();
      await db.execute({
        sql: 'INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)',
        args: [randomUUID(), `Person ${index}`, `${label}-${index}@example.com`, at, at],
      });
    }
  } finally {
    db.close();
  }
  await signInAsAdmin(page, E2E_ADMINS[4]);
  await page.goto(`/admin?q=${label}`);
  await expect(page.getByRole("heading", { name: `27 accounts match “${label}”` })).toBeVisible();
  await expect(page.getByTestId("user-row")).toHaveCount(25);
  await expect(page.getByTestId("user-row").first()).toContainText(`${label}-26@example.com`);
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.getByRole("link", { name: "Older users" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(2);
  await expect(page.getByTestId("user-row").last()).toContainText(`${label}-0@example.com`);
  await page.goto(`/admin?q=${label}&page=abc`);
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.goto(`/admin?q=${encodeURIComponent("no such person ' OR 1=1 --")}`);
  await expect(page.getByText("No account matches.")).toBeVisible();
});

test("signed out, the console asks for a sign-in; a non-admin gets 403 and no data; an admin without a second factor is told how to add one", async ({ page, playwright }) => {
  const user = await member(playwright, "nosy");
  const other = await member(playwright, "other");
  for (const path of ["/admin", `/admin/users/${user.id}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackURL=${encodeURIComponent(path).replace(/[/.]/g, "\\$&")}`));
  }
  // A real member's cookie, another member's id: the 403 page, with nothing of theirs.
  for (const path of ["/admin", `/admin/users/${other.id}`, `/admin?q=${encodeURIComponent(other.email)}`]) {
    const response = await user.request.get(path);
    expect(response.status()).toBe(403);
    const html = await response.text();
    expect(html).toContain("Only the app's admins can see this page.");
    // Nothing of the console: no table, no account's facts, no action (the address typed is only in the URL).
    for (const part of ["user-row", "user-facts", "Sign in as this user", "Suspend account"]) expect(html).not.toContain(part);
  }
  await other.request.dispose();

  await signInAsAdmin(page, E2E_ADMINS[5], { secondFactor: false });
  await expect(page.getByTestId("admin-needs-second-factor")).toContainText("turn on two-factor authentication or add a passkey");
  await expect(page.getByTestId("users")).toHaveCount(0);
  await page.goto(`/admin/users/${user.id}`);
  await expect(page.getByTestId("admin-needs-second-factor")).toBeVisible();
  await expect(page.getByText(user.email)).toHaveCount(0);
  await user.request.dispose();
});

test("an admin's own page and another admin's offer no actions; an unknown id is not found", async ({ page }) => {
  await signInAsAdmin(page, E2E_ADMINS[6]);
  const [{ id: own }] = await usersWithEmail(E2E_ADMINS[6]);
  await page.goto(`/admin/users/${own}`);
  await expect(page.getByTestId("protected-account")).toContainText("This is your own account");
  await expect(page.getByRole("button", { name: "Delete account" })).toHaveCount(0);

  // Another listed address: an admin from its next sign-in, left alone by the console from now.
  const otherId = randomUUID();
  const db = testDatabase();
  try {
    const now = new Date().toISOString();
    await db.execute({
      sql: 'INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)',
      args: [otherId, "", E2E_ADMINS[7], now, now],
    });
  } finally {
    db.close();
  }
  await page.goto(`/admin/users/${otherId}`);
  await expect(page.getByTestId("protected-account")).toContainText("This is an admin account");
  await expect(page.getByRole("button", { name: "Sign in as this user" })).toHaveCount(0);

  const missing = await page.request.get(`/admin/users/${randomUUID()}`);
  expect(missing.status()).toBe(404);
});
