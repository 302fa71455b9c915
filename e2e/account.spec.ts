import { createHash } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { signIn, signInOverHttp, softwarePasskey, totp } from "./accounts";
import { ageSessions, latestLink, mailboxFor, requestLink, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * The signed-in account area (/account): profile, sessions, email change and deletion; and the fresh sign-in
 * sensitive changes ask for. Who may see and change what is in account.security.spec.ts; the password part of
 * the account in password.spec.ts; recent activity in activity.spec.ts.
 */

/** A second browser (its own cookies and client address) signed in to the same account. */
async function secondDevice(browser: Browser, email: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

const origin = { origin: baseURL() };

/** A heading's rendered font size, in pixels. */
const fontSize = (page: Page, name: string, level: number) =>
  page.getByRole("heading", { name, level }).evaluate((heading) => parseFloat(getComputedStyle(heading).fontSize));

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

  test("an IPv6 client sees its own address, short, wrapping only at its colons on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    // One of its own, so no other test shares its limits; written in full and in capitals, as a proxy may.
    const [a, b] = [...crypto.getRandomValues(new Uint16Array(2))].map((group) => (group | 0x1000).toString(16));
    await page.context().setExtraHTTPHeaders({ "x-real-ip": `FD12:${a}:${b}:0000:F012:3456:789A:BCDE`.toUpperCase() });
    await signIn(page, uniqueEmail("ipv6"));
    for (const [path, list] of [
      ["/account/sessions", "session"],
      ["/account/activity", "activity"],
    ]) {
      await page.goto(path);
      const shown = page.getByTestId(list).first().getByTestId("ip-address").first();
      await expect(shown, path).toHaveText(`fd12:${a}:${b}:0:f012:3456:789a:bcde`);
      // No group is cut in two: each line ends at a colon. And nothing scrolls sideways.
      const linesPerGroup = await shown.evaluate((element) =>
        [...element.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => {
            const range = document.createRange();
            range.selectNodeContents(node);
            return range.getClientRects().length;
          }),
      );
      expect(linesPerGroup, path).toEqual(Array(8).fill(1));
      const box = (await shown.boundingBox())!;
      expect(box.x + box.width, path).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
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

test.describe("the signed-in state is visible", () => {
  test("the header shows who is signed in and signs out; sign-in offers to continue or switch accounts", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("visible");
    await page.goto((await requestLink(request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
    const account = page.getByRole("navigation", { name: "Account" });
    await expect(account.getByRole("link", { name: `Signed in as ${email}` })).toBeVisible();

    await page.goto("/sign-in?callbackURL=%2Fdashboard");
    await expect(page.getByRole("heading", { name: "You're already signed in" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(`You're signed in as ${email}.`);
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in as someone else" }).click();
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(account.getByRole("link", { name: /Signed in as/ })).toHaveCount(0);

    // The header's own sign-out button, from any page.
    await page.goto((await requestLink(request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
    await page.goto("/");
    await account.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(account.getByRole("link", { name: /Signed in as/ })).toHaveCount(0);
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
    // The owner's own addresses, whole: it is their account's history, not a stranger's view of it.
    await expect(page.locator('[data-event="email.changed"]')).toContainText(`Sign-in email changed to ${newEmail}`);
    await expect(page.locator('[data-event="email.change_requested"]')).toContainText(`Asked to change the sign-in email to ${newEmail}`);
  });

  test("only the newest request's link works; the account shows it as pending and can cancel it", async ({ page, request }) => {
    const email = uniqueEmail("pending");
    await signIn(page, email);
    const askFor = async (newEmail: string) => {
      await page.getByLabel("New email").fill(newEmail);
      await page.getByRole("button", { name: "Email me a confirmation link" }).click();
      await expect(page.getByRole("heading", { name: "Check your new inbox", level: 3 })).toBeFocused();
      return latestLink(request, newEmail, undefined, "/email-change/confirm");
    };
    const pending = page.getByTestId("pending-email-change");
    const typo = uniqueEmail("typo");
    const olderLink = await askFor(typo);
    await expect(pending).toContainText(`Waiting for you to confirm ${typo}`);
    // The notice is a sub-heading of its section: no larger than the section's own title.
    expect(await fontSize(page, "Check your new inbox", 3)).toBeLessThanOrEqual(await fontSize(page, "Sign-in email", 2));

    // A typo: the form is back without a reload, and a new request replaces the pending one.
    await page.getByRole("button", { name: "Try a different email" }).click();
    await expect(page.getByLabel("New email")).toBeFocused();
    const right = uniqueEmail("right");
    const newestLink = await askFor(right);
    await expect(pending).toContainText(`Waiting for you to confirm ${right}`);
    await expect(pending).not.toContainText(typo);
    await page.goto(olderLink.toString());
    await expect(page.getByRole("heading", { name: "This link can't be used" })).toBeVisible();

    await page.goto("/account");
    await pending.getByRole("button", { name: "Cancel this change" }).click();
    await expect(page.getByText(`The change to ${right} is cancelled: its link no longer works.`)).toBeVisible();
    await expect(pending).toHaveCount(0);
    await expect(page.getByLabel("New email")).toBeVisible();
    await page.reload();
    await expect(pending).toHaveCount(0);

    // The cancelled link: its page says so, and its button's POST changes nothing.
    await page.goto(newestLink.toString());
    await expect(page.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
    const used = await request.post("/api/auth/verify-email/confirm", {
      form: Object.fromEntries(newestLink.searchParams),
      headers: { "sec-fetch-site": "same-origin" },
      maxRedirects: 0,
    });
    expect(used.status()).toBe(303);
    expect(used.headers().location).toContain("error=INVALID_TOKEN");
    await page.goto("/account");
    await expect(page.getByTestId("user-email")).toHaveText(email);
    expect(await usersWithEmail(right)).toHaveLength(0);
    expect(await usersWithEmail(typo)).toHaveLength(0);
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
    await expect(page.getByRole("heading", { name: "Check your email", level: 3 })).toBeFocused();
    // A sub-heading of its section, as the email change's is.
    expect(await fontSize(page, "Check your email", 3)).toBeLessThanOrEqual(await fontSize(page, "Delete your account", 2));
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

  test("a link opened signed out asks to sign in, then opens its confirmation, still usable", async ({ page, request }) => {
    const email = uniqueEmail("delete-later");
    await signIn(page, email, "/account/security");
    await page.getByRole("button", { name: "Email me a link to delete my account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
    const link = await latestLink(request, email, undefined, "/account/delete");
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.goto(link.toString());
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.goto((await latestLink(request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(page).toHaveURL(`${link.pathname}${link.search}`);
    await expect(page.getByRole("heading", { name: "This cannot be undone" })).toBeVisible();
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
    expect(await usersWithEmail(email)).toHaveLength(0);
  });
});
