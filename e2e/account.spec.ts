import { createHash } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import {
  ageSessions,
  latestLink,
  mailboxFor,
  requestLink,
  softwarePasskey,
  testDatabase,
  totp,
  uniqueEmail,
  usersWithEmail,
} from "./helpers";

/**
 * The signed-in account area (/account): profile, password, sessions, recent activity; who may see and change
 * what; and the fresh sign-in sensitive changes ask for.
 */

/** Signs a page in with an emailed link and waits for the page the link leads to. */
async function signIn(page: Page, email: string, callbackURL = "/account") {
  const link = await requestLink(page.request, email, { callbackURL });
  await page.goto(link.toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`${callbackURL.replace(/\//g, "\\/")}$`));
}

/** A second browser (its own cookies and client address) signed in to the same account. */
async function secondDevice(browser: Browser, email: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Signs an HTTP client in with a link, as the confirmation page's button does. */
async function signInOverHttp(request: APIRequestContext, email: string) {
  const link = await requestLink(request, email);
  const response = await request.post("/api/auth/magic-link/confirm", {
    form: Object.fromEntries(link.searchParams),
    headers: { origin: baseURL(), "sec-fetch-site": "same-origin" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}

const origin = { origin: baseURL() };

test.describe("signed out", () => {
  test("every account page redirects to sign-in and comes back there", async ({ page }) => {
    for (const path of ["/account", "/account/security", "/account/sessions", "/account/activity"]) {
      await page.goto(path);
      await expect(page).toHaveURL(`/sign-in?callbackURL=${encodeURIComponent(path)}`);
    }
  });

  test("every account endpoint answers 401", async ({ request }) => {
    expect((await request.get("/api/auth/account/sessions")).status()).toBe(401);
    expect((await request.get("/api/auth/account/password")).status()).toBe(401);
    for (const [path, data] of [
      ["/api/auth/account/revoke-session", { id: "x" }],
      ["/api/auth/account/set-password", { newPassword: "correct horse battery" }],
      ["/api/auth/update-user", { name: "Mallory" }],
      ["/api/auth/change-password", { currentPassword: "a".repeat(8), newPassword: "b".repeat(8) }],
      ["/api/auth/revoke-other-sessions", {}],
    ] as const) {
      const response = await request.post(path, { data, headers: origin });
      expect(response.status(), path).toBe(401);
    }
  });
});

test.describe("profile", () => {
  test("the name changes, and shows as text", async ({ page }) => {
    await signIn(page, uniqueEmail("name"));
    await expect(page.getByRole("heading", { name: "Profile" })).toBeFocused();
    await page.getByRole("textbox", { name: /^Name/ }).fill("<b>Ada</b> Lovelace");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Your name is saved.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByText("Welcome, <b>Ada</b> Lovelace.")).toBeVisible();
  });

  test("an empty or control-character name is refused beside the field, and only the name can change", async ({ request }) => {
    await signInOverHttp(request, uniqueEmail("bad-name"));
    for (const name of ["   ", "Ada\u202eecalevol", "Ada\nLovelace"]) {
      const response = await request.post("/api/auth/update-user", { data: { name }, headers: origin });
      expect(response.status()).toBe(400);
      expect((await response.json()).code).toBe("INVALID_NAME");
    }
    const image = await request.post("/api/auth/update-user", { data: { name: "Ada", image: "https://evil.example/x.png" }, headers: origin });
    expect(image.status()).toBe(400);
    expect((await image.json()).code).toBe("FIELD_NOT_EDITABLE");
    const tooLong = await request.post("/api/auth/update-user", { data: { name: "a".repeat(101) }, headers: origin });
    expect(tooLong.status()).toBe(400);
  });

  test("the form shows the refusal beside the name field", async ({ page }) => {
    await signIn(page, uniqueEmail("name-error"));
    await page.getByRole("textbox", { name: /^Name/ }).fill("   ");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByRole("textbox", { name: /^Name/ })).toHaveAccessibleDescription("Enter your name.");
  });
});

test.describe("password", () => {
  test("a link-only account sets a password, changes it, and signs in with each; the owner is told each time", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("password");
    await signIn(page, email, "/account/security");
    await expect(page.getByRole("heading", { name: "Add a password" })).toBeVisible();
    await page.getByLabel(/^New password \(/).fill("first password 1");
    await page.getByLabel("New password, again").fill("first password 1");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("Your password is set.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
    expect((await mailboxFor(request, email))[0].subject).toBe("Your Acme password was changed");

    const signInWith = async (password: string) =>
      request.post("/api/auth/sign-in/email", { data: { email, password }, headers: origin });
    expect((await signInWith("first password 1")).status()).toBe(200);

    await page.getByLabel("Current password").fill("not the password");
    await page.getByLabel(/^New password \(/).fill("second password 2");
    await page.getByLabel("New password, again").fill("second password 2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(/password/i);

    await page.getByLabel("Current password").fill("first password 1");
    await page.getByLabel(/^New password \(/).fill("second password 2");
    await page.getByLabel("New password, again").fill("second password 2");
    await page.getByRole("checkbox", { name: "Sign out my other devices" }).check();
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password is changed, and your other devices are signed out.")).toBeVisible();
    const notices = (await mailboxFor(request, email)).filter((mail) => mail.subject === "Your Acme password was changed");
    expect(notices).toHaveLength(2);
    expect(notices[0].text).toContain("The password of your account was changed.");

    expect((await signInWith("first password 1")).status()).toBe(401);
    expect((await signInWith("second password 2")).status()).toBe(200);
    // This device stays signed in.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  });

  test("a password that is already set cannot be set again without the current one", async ({ request }) => {
    await signInOverHttp(request, uniqueEmail("set-twice"));
    const set = (newPassword: string) => request.post("/api/auth/account/set-password", { data: { newPassword }, headers: origin });
    expect((await set("short")).status()).toBe(400);
    expect((await set("first password 1")).status()).toBe(200);
    const again = await set("second password 2");
    expect(again.status()).toBe(400);
    expect((await again.json()).code).toBe("PASSWORD_ALREADY_SET");
  });
});

test.describe("sessions", () => {
  test("lists both browsers, and signing one out ends it on its very next request", async ({ page, browser }) => {
    const email = uniqueEmail("sessions");
    await signIn(page, email);
    const other = await secondDevice(browser, email);
    try {
      await page.goto("/account/sessions");
      const sessions = page.getByTestId("session");
      await expect(sessions).toHaveCount(2);
      await expect(sessions.first()).toContainText("This device");
      await expect(sessions.first()).toContainText("with an email link");
      await expect(sessions.nth(1)).toContainText("Chrome");
      await sessions.nth(1).getByRole("button", { name: /^Sign out/ }).click();
      await expect(page.getByText(/is signed out\.$/)).toBeVisible();
      await expect(sessions).toHaveCount(1);

      await other.page.goto("/account");
      await expect(other.page).toHaveURL(/\/sign-in\?callbackURL=%2Faccount$/);
    } finally {
      await other.context.close();
    }
  });

  test("sign out everywhere else keeps only this device", async ({ page, browser }) => {
    const email = uniqueEmail("everywhere");
    await signIn(page, email);
    const others = [await secondDevice(browser, email), await secondDevice(browser, email)];
    try {
      await page.goto("/account/sessions");
      await expect(page.getByTestId("session")).toHaveCount(3);
      await page.getByRole("button", { name: "Sign out everywhere else" }).click();
      await expect(page.getByText("Every other device is signed out.")).toBeVisible();
      await expect(page.getByTestId("session")).toHaveCount(1);
      for (const other of others) {
        await other.page.goto("/account/activity");
        await expect(other.page).toHaveURL(/\/sign-in\?/);
      }
    } finally {
      for (const other of others) await other.context.close();
    }
  });

  test("an old sign-in confirms with a new link in place, then the list shows", async ({ page, request }) => {
    const email = uniqueEmail("fresh");
    await signIn(page, email);
    await ageSessions(email);
    await page.goto("/account/sessions");
    await expect(page.getByText("For your security, this needs a recent sign-in.")).toBeVisible();
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
    await page.goto((await latestLink(request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/account\/sessions$/);
    // The new, fresh session is this device; the old one can be signed out like any other.
    const sessions = page.getByTestId("session");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.first()).toContainText("This device");
    await expect(sessions.nth(1)).not.toContainText("This device");
  });

  test("an old sign-in cannot list, revoke or change anything over the API", async ({ request }) => {
    const email = uniqueEmail("stale-api");
    await signInOverHttp(request, email);
    await ageSessions(email);
    expect((await request.get("/api/auth/account/sessions")).status()).toBe(403);
    const change = await request.post("/api/auth/revoke-other-sessions", { data: {}, headers: origin });
    expect(change.status()).toBe(403);
    expect((await change.json()).code).toBe("SESSION_NOT_FRESH");
  });
});

test.describe("one user and another", () => {
  test("never sees or revokes the other's sessions or events, even with their ids", async ({ playwright }) => {
    const aliceIp = randomClientIp();
    const [alice, mallory] = await Promise.all(
      [aliceIp, randomClientIp()].map((ip) => playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": ip } })),
    );
    try {
      await signInOverHttp(alice, uniqueEmail("alice"));
      await signInOverHttp(mallory, uniqueEmail("mallory"));
      const [aliceSession] = (await (await alice.get("/api/auth/account/sessions")).json()) as { id: string }[];
      const mallorySessions = (await (await mallory.get("/api/auth/account/sessions")).json()) as { id: string }[];
      expect(mallorySessions.map((session) => session.id)).not.toContain(aliceSession.id);
      expect(JSON.stringify(mallorySessions)).not.toMatch(/token/i);

      const revoke = await mallory.post("/api/auth/account/revoke-session", { data: { id: aliceSession.id }, headers: origin });
      expect(revoke.status()).toBe(404);
      expect((await alice.get("/api/auth/account/sessions")).status()).toBe(200);

      // Alice's events carry her address; Mallory's page, asked for hers by id, shows none of them.
      expect(await (await alice.get("/account/activity")).text()).toContain(`IP ${aliceIp}`);
      const activity = await mallory.get(`/account/activity?userId=${encodeURIComponent(aliceSession.id)}`);
      expect(activity.status()).toBe(200);
      expect(await activity.text()).not.toContain(aliceIp);
    } finally {
      await alice.dispose();
      await mallory.dispose();
    }
  });
});

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
});

test.describe("email change", () => {
  test("the new address confirms, the old one is told and no longer signs in to the account", async ({ page, request, browser }) => {
    const oldEmail = uniqueEmail("old");
    const newEmail = uniqueEmail("new");
    await signIn(page, oldEmail);
    const [account] = await usersWithEmail(oldEmail);
    await page.getByLabel("New email").fill(newEmail);
    await page.getByRole("button", { name: "Email me a confirmation link" }).click();
    await expect(page.getByRole("heading", { name: "Check your new inbox" })).toBeFocused();

    const link = await latestLink(request, newEmail, undefined, "/email-change/confirm");
    // Opening the link, as a mail scanner does, changes nothing.
    expect((await request.get(link.toString())).status()).toBe(200);
    expect(await usersWithEmail(newEmail)).toHaveLength(0);

    await page.goto(link.toString());
    await page.getByRole("button", { name: "Change my email" }).click();
    await expect(page).toHaveURL(/\/account\?emailChanged=1$/);
    await expect(page.getByText("Your sign-in email is changed.")).toBeVisible();
    await expect(page.getByTestId("user-email")).toHaveText(newEmail);
    expect((await usersWithEmail(newEmail))[0].id).toBe(account.id);

    const [notice] = await mailboxFor(request, oldEmail);
    expect(notice.subject).toBe("Your Acme sign-in email was changed");
    expect(notice.text).toContain(`changed to ${newEmail[0]}•••@example.com`);
    expect(notice.text).toContain("If this wasn't you");

    // The link works once.
    await page.goto(link.toString());
    await expect(page.getByRole("heading", { name: "This link can't be used" })).toBeVisible();

    // The new address signs in to the same account; the old one would start a new, empty account.
    const other = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    try {
      const otherPage = await other.newPage();
      await signIn(otherPage, newEmail);
      await expect(otherPage.getByTestId("user-email")).toHaveText(newEmail);
      await signInOverHttp(request, oldEmail);
      const [fresh] = await usersWithEmail(oldEmail);
      expect(fresh.id).not.toBe(account.id);
    } finally {
      await other.close();
    }

    await page.goto("/account/activity");
    const types = await page.getByTestId("activity").locator("li").evaluateAll((items) => items.map((item) => item.getAttribute("data-event")));
    expect(types.filter((type) => type?.startsWith("email."))).toEqual(["email.changed", "email.change_requested"]);
  });

  test("a taken address answers exactly as a free one; its owner is told by email instead", async ({ request }) => {
    const owner = uniqueEmail("owner");
    await signInOverHttp(request, owner);
    await signInOverHttp(request, uniqueEmail("asker"));
    const ask = (newEmail: string) => request.post("/api/auth/change-email", { data: { newEmail }, headers: origin });
    const free = await ask(uniqueEmail("free"));
    const taken = await ask(owner);
    expect(taken.status()).toBe(free.status());
    expect(await taken.json()).toEqual(await free.json());
    const [warning] = await mailboxFor(request, owner);
    expect(warning.subject).toBe("Confirm your new email for Acme");
    expect(warning.text).toContain("already belongs to your account, so nothing was changed");
    expect(warning.text).not.toMatch(/https?:\/\//);
  });

  test("refuses a malformed or unchanged address beside the field, and a cross-site confirmation", async ({ request }) => {
    const email = uniqueEmail("same");
    await signInOverHttp(request, email);
    for (const [newEmail, code] of [
      ["not an address", "INVALID_EMAIL"],
      [email.toUpperCase(), "EMAIL_IS_THE_SAME"],
    ]) {
      const response = await request.post("/api/auth/change-email", { data: { newEmail }, headers: origin });
      expect(response.status()).toBe(400);
      expect((await response.json()).code).toBe(code);
    }
    const crossSite = await request.post("/api/auth/verify-email/confirm", {
      form: { token: "x" },
      headers: { "sec-fetch-site": "cross-site" },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
  });
});

/** Every row in the test database that names a user by id or address. */
async function rowsOf(userId: string, email: string) {
  const db = testDatabase();
  try {
    const count = async (sql: string, ...args: string[]) => Number((await db.execute({ sql, args })).rows[0].n);
    return {
      user: await count("SELECT count(*) AS n FROM user WHERE id = ? OR email = ?", userId, email),
      session: await count("SELECT count(*) AS n FROM session WHERE userId = ?", userId),
      account: await count("SELECT count(*) AS n FROM account WHERE userId = ?", userId),
      verification: await count(
        "SELECT count(*) AS n FROM verification WHERE value = ? OR value LIKE ?",
        userId,
        `%${JSON.stringify(email)}%`,
      ),
      auditEvent: await count("SELECT count(*) AS n FROM audit_event WHERE userId = ?", userId),
      addressRateLimit: await count(
        "SELECT count(*) AS n FROM address_rate_limit WHERE key = ?",
        createHash("sha256").update(`magic-link-address:${email}`).digest("base64url"),
      ),
      devEmail: await count("SELECT count(*) AS n FROM dev_email WHERE \"to\" = ?", email),
      twoFactor: await count('SELECT count(*) AS n FROM "twoFactor" WHERE userId = ?', userId),
      passkey: await count("SELECT count(*) AS n FROM passkey WHERE userId = ?", userId),
    };
  } finally {
    db.close();
  }
}

test.describe("delete account", () => {
  test("an emailed link confirms; every row of the user goes; the address starts fresh", async ({ page, request }) => {
    const email = uniqueEmail("delete");
    await signIn(page, email, "/account/security");
    const userId = String((await usersWithEmail(email))[0].id);
    // Leave something in every table: a password, a pending reset link, activity.
    expect(
      (await page.request.post("/api/auth/account/set-password", { data: { newPassword: "delete me please" }, headers: origin })).status(),
    ).toBe(200);
    expect(
      (await request.post("/api/auth/request-password-reset", { data: { email, redirectTo: "/reset-password" }, headers: origin })).status(),
    ).toBe(200);
    // Two-factor on, and a passkey.
    const enabled = await page.request.post("/api/auth/two-factor/enable", { data: { password: "delete me please" }, headers: origin });
    const secret = new URL((await enabled.json()).totpURI).searchParams.get("secret")!;
    expect((await page.request.post("/api/auth/two-factor/verify-totp", { data: { code: totp(secret) }, headers: origin })).status()).toBe(200);
    await softwarePasskey(userId);
    await page.reload();

    await page.getByRole("button", { name: "Email me a link to delete my account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
    const link = await latestLink(request, email, undefined, "/account/delete");
    // Opening the link, as a mail scanner does, deletes nothing.
    expect((await request.get(link.toString())).status()).toBe(200);
    expect(await usersWithEmail(email)).toHaveLength(1);

    await page.goto(link.toString());
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Signed in as/ })).toHaveCount(0);

    expect(await rowsOf(userId, email)).toEqual({
      user: 0,
      session: 0,
      account: 0,
      verification: 0,
      auditEvent: 0,
      addressRateLimit: 0,
      devEmail: 0,
      twoFactor: 0,
      passkey: 0,
    });

    await signIn(page, email);
    const [fresh] = await usersWithEmail(email);
    expect(fresh.id).not.toBe(userId);
    await page.goto("/account/activity");
    await expect(page.getByTestId("activity").locator("li")).toHaveCount(2);
  });

  test("another account's delete link deletes nothing", async ({ playwright }) => {
    const [alice, mallory] = await Promise.all(
      [0, 1].map(() => playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } })),
    );
    try {
      const aliceEmail = uniqueEmail("alice-delete");
      await signInOverHttp(alice, aliceEmail);
      await signInOverHttp(mallory, uniqueEmail("mallory-delete"));
      expect((await alice.post("/api/auth/delete-user", { data: {}, headers: origin })).status()).toBe(200);
      const token = (await latestLink(alice, aliceEmail, undefined, "/account/delete")).searchParams.get("token")!;
      const stolen = await mallory.post("/api/auth/delete-user", { data: { token }, headers: origin });
      expect(stolen.status()).toBe(404);
      expect(await (await mallory.get(`/account/delete?token=${token}`)).text()).toContain("This link can&#x27;t be used");
      expect(await usersWithEmail(aliceEmail)).toHaveLength(1);
    } finally {
      await alice.dispose();
      await mallory.dispose();
    }
  });
});

test.describe("recent activity, paged", () => {
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
