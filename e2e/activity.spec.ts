import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { signIn, signInOverHttp } from "./accounts";
import { requestLink, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * Recent activity: what the account's activity page (/account/activity) shows, newest first and paged, and the
 * security events behind it in the database.
 */

const origin = { origin: baseURL() };

test.describe("recent activity", () => {
  test("shows a scripted journey's events, newest first, with browser, system and IP", async ({ page, request }) => {
    const email = uniqueEmail("journey");
    await signIn(page, email);
    await page.getByRole("textbox", { name: /^Name/ }).fill("Journey");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Your name is saved.")).toBeVisible();
    const setPassword = await page.request.post("/api/auth/account/set-password", {
      data: { newPassword: "journey password 1" },
      headers: origin,
    });
    expect(setPassword.status()).toBe(200);
    await requestLink(request, email);
    expect(
      (await request.post("/api/auth/sign-in/email", { data: { email, password: "wrong password" }, headers: origin })).status(),
    ).toBe(401);

    await page.goto("/account/activity");
    await expect(page.getByRole("heading", { name: "Recent activity" })).toBeFocused();
    const events = page.getByTestId("activity").locator("li");
    // The first link went to an address with no account yet: that event belongs to no one.
    await expect(events).toHaveCount(5);
    expect(await events.evaluateAll((items) => items.map((item) => item.getAttribute("data-event")))).toEqual([
      "sign_in.failed",
      "magic_link.sent",
      "password.set",
      "session.created",
      "user.created",
    ]);
    await expect(events.nth(0)).toContainText("Sign-in failed: wrong password");
    await expect(events.nth(3)).toContainText("Signed in with an email link");
    await expect(events.nth(3)).toContainText(/from Chrome on \w+, IP \d+\.\d+\.\d+\.\d+/);
  });

  test("shows 20 events a page, and the older ones behind a link", async ({ page }) => {
    const email = uniqueEmail("pages");
    await signIn(page, email);
    const db = testDatabase();
    try {
      const userId = String((await usersWithEmail(email))[0].id);
      for (let n = 0; n < 25; n++) {
        await db.execute({
          sql: "INSERT INTO audit_event (userId, type, createdAt, ipAddress, userAgent, details) VALUES (?, 'sign_out', ?, '203.0.113.7', NULL, '{}')",
          args: [userId, new Date().toISOString()],
        });
      }
    } finally {
      db.close();
    }
    await page.goto("/account/activity");
    const events = page.getByTestId("activity").locator("li");
    await expect(events).toHaveCount(20);
    await page.getByRole("link", { name: "Older events" }).click();
    // 27 in all: the 25 above, and the account's creation and first sign-in.
    await expect(events).toHaveCount(7);
    await expect(events.last()).toContainText("Account created");
    await expect(page.getByRole("link", { name: "Older events" })).toHaveCount(0);
    await page.getByRole("link", { name: "Newest events" }).click();
    await expect(events).toHaveCount(20);
  });
});

test.describe("security events in the database", () => {
  test("sign-out, a revoked session and a failed link are recorded, with no token or session id", async ({ request, playwright }) => {
    const email = uniqueEmail("events");
    const other = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    let otherSessionId = "";
    try {
      await signInOverHttp(request, email);
      await signInOverHttp(other, email);
      const sessions = (await (await request.get("/api/auth/account/sessions")).json()) as { id: string; current: boolean }[];
      otherSessionId = sessions.find((session) => !session.current)!.id;
      expect((await request.post("/api/auth/account/revoke-session", { data: { id: otherSessionId }, headers: origin })).status()).toBe(200);
      expect((await other.get("/api/auth/account/sessions")).status()).toBe(401);
      expect((await request.post("/api/auth/sign-out", { data: {}, headers: origin })).status()).toBe(200);
    } finally {
      await other.dispose();
    }
    const probeIp = randomClientIp();
    const bogus = await request.get("/api/auth/magic-link/verify?token=not-a-real-token&callbackURL=/dashboard", {
      maxRedirects: 0,
      headers: { "x-real-ip": probeIp },
    });
    expect(bogus.status()).toBe(302);

    const db = testDatabase();
    try {
      const { rows } = await db.execute({
        sql: "SELECT type, details, ipAddress, userAgent FROM audit_event WHERE userId = (SELECT id FROM user WHERE email = ?) ORDER BY id",
        args: [email],
      });
      expect(rows.map((row) => row.type)).toEqual(["user.created", "session.created", "magic_link.sent", "session.created", "session.revoked", "sign_out"]);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(otherSessionId);
      const failed = await db.execute({
        sql: "SELECT details FROM audit_event WHERE type = 'sign_in.failed' AND userId IS NULL AND ipAddress = ?",
        args: [probeIp],
      });
      expect(failed.rows).toHaveLength(1);
      expect(JSON.parse(String(failed.rows[0].details))).toEqual({ method: "link", reason: "invalid_token" });
    } finally {
      db.close();
    }
  });
});
