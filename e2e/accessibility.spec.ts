import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { baseURL, E2E_ADMINS, SOCIAL, TEST_PORTS } from "./config";
import { softwarePasskey, totp } from "./accounts";
import {
  ageSessions,
  expireLink,
  latestCode,
  latestLink,
  LONG_NAME,
  longEmail,
  requestLink,
  uniqueEmail,
  usersWithEmail,
  wrongCode,
} from "./helpers";
import { signInAs } from "./oidc-provider";

/**
 * Every page and state, in both themes, with a 64-character address and a 100-character name: no WCAG 2.2 A/AA
 * violation found by axe-core; nothing wider than the window on a desktop (1280 px) or a phone (390 px); and a
 * screenshot of each in test-results/screenshots/ (the README's come from there, copied into docs/).
 */

const SCREENSHOTS = path.join(process.cwd(), "test-results", "screenshots");
const PHONE = { width: 390, height: 844 };

async function expectAccessible(page: Page) {
  await expect(page.locator("h1")).toBeVisible();
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    // The dev mailbox shows emails in a sandboxed frame (no scripts): axe cannot run there, and an email's
    // markup is the template's concern, tested in tests/email.test.ts.
    .exclude("iframe")
    // With no frame to test, axe runs in the page itself instead of finishing in a new blank page: half the time.
    .setLegacyMode(true)
    .analyze();
  expect(
    violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/** Every element ends inside the window, and the page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const layout = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const tooWide = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`);
    return { width, scrollWidth: document.documentElement.scrollWidth, tooWide: tooWide.slice(0, 5) };
  });
  expect(layout.tooWide).toEqual([]);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
}

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in with a link, as a new account with the longest name. */
async function signIn(page: Page, request: Page["request"], label: string) {
  const email = longEmail(label);
  await page.goto((await requestLink(request, email, { name: LONG_NAME })).toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(email);
  return email;
}

/** Turns two-factor on for the signed-in page's account (no password: a fresh sign-in is enough). */
async function turnOnTwoFactor(request: Page["request"]) {
  const enabled = await request.post("/api/auth/two-factor/enable", { data: {}, headers: { origin: baseURL() } });
  const secret = new URL((await enabled.json()).totpURI).searchParams.get("secret")!;
  await request.post("/api/auth/two-factor/verify-totp", { data: { code: totp(secret) }, headers: { origin: baseURL() } });
  return secret;
}

/** A pending two-factor sign-in: the account has it on, and a new link was just used. */
async function atTwoFactorPage(page: Page, request: Page["request"], label: string) {
  const email = await signIn(page, request, label);
  await turnOnTwoFactor(request);
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto((await requestLink(request, email)).toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
}

const ORGANIZATION_NAME = "Analytical and Difference Engines of Great Britain and Ireland";

/**
 * An organization with the longest name, owned by the signed-in page's new account; a member who joined by
 * invitation and an invitation waiting, each with a 64-character address. Returns the waiting invitation's link.
 */
async function organizationWithPeople(page: Page, request: Page["request"], label: string) {
  await signIn(page, request, label);
  const origin = { origin: baseURL() };
  const created = await request.post("/api/auth/organization/create", {
    data: { name: ORGANIZATION_NAME, slug: `${label}-${randomUUID().slice(0, 6)}` },
    headers: origin,
  });
  expect(created.status()).toBe(200);
  const { id: organizationId } = await created.json();
  const member = longEmail(`${label}-m`);
  const invited = await request.post("/api/auth/organization/invite-member", { data: { email: member, role: "admin", organizationId }, headers: origin });
  expect(invited.status(), await invited.text()).toBe(200);
  const memberInvitation = await latestLink(request, member, undefined, "/invitations");
  const memberContext = await page.context().browser()!.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto((await requestLink(memberPage.request, member)).toString());
  await memberPage.getByRole("button", { name: "Continue" }).click();
  await memberPage.goto(memberInvitation.toString());
  await memberPage.getByRole("button", { name: /^Join/ }).click();
  await expect(memberPage).toHaveURL(/\/organization$/);
  await memberContext.close();
  const invitee = longEmail(`${label}-i`);
  await request.post("/api/auth/organization/invite-member", { data: { email: invitee, role: "member", organizationId }, headers: origin });
  return { invitation: await latestLink(request, invitee, undefined, "/invitations") };
}

/** Each page and state, reached the way a person reaches it. */
/** Signs the page in as a listed admin holding a passkey (the console asks for a second factor). */
async function signInAsAdmin(page: Page, request: Page["request"], email: string, { secondFactor = true } = {}) {
  await page.goto((await requestLink(request, email)).toString());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(email);
  if (secondFactor) await softwarePasskey(String((await usersWithEmail(email))[0].id), "Admin key");
}

/**
 * An account for the console to show, at its longest: a 64-character address, a 100-character name, signed in on
 * two devices, suspended for a long reason until a day a month away.
 */
async function accountToShow(page: Page, label: string) {
  const email = longEmail(label);
  const other = await page.context().browser()!.newContext();
  for (let device = 0; device < 2; device++) {
    const link = await requestLink(other.request, email, { name: LONG_NAME });
    await other.request.post("/api/auth/magic-link/confirm", {
      form: Object.fromEntries(link.searchParams),
      headers: { origin: baseURL(), "sec-fetch-site": "same-origin" },
      maxRedirects: 0,
    });
  }
  await other.close();
  return { email, id: String((await usersWithEmail(email))[0].id) };
}

const pages: Record<string, (page: Page, request: Page["request"]) => Promise<void>> = {
  home: async (page) => {
    await page.goto("/");
  },
  "sign-in": async (page) => {
    await page.goto("/sign-in");
  },
  "check-email": async (page) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(longEmail("a11y"));
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  },
  "check-email-wrong-code": async (page, request) => {
    const email = uniqueEmail("a11y-code");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const field = page.getByLabel("Or enter the code from the email");
    await field.fill(wrongCode(await latestCode(request, email)));
    await expect(field).toHaveAccessibleDescription("That code is not right. 2 tries left.");
  },
  "check-email-code-only": async (page) => {
    await page.goto(`${baseURL(TEST_PORTS.signUpDisabled)}/sign-in`);
    await page.getByLabel("Email").fill(uniqueEmail("a11y-code-only"));
    await page.getByRole("button", { name: "Email me a sign-in code" }).click();
    await expect(page.getByLabel("Enter the code from the email")).toBeVisible();
  },
  "sign-in-error": async (page) => {
    await page.goto("/sign-in?error=INVALID_TOKEN");
  },
  "sign-in-social-error": async (page) => {
    await page.goto("/sign-in?error=account_not_linked&provider=oidc");
    await expect(page.getByRole("main").getByRole("alert")).toContainText(`We can't sign you in with ${SOCIAL.oidc.name}`);
  },
  "sign-in-no-providers": async (page) => {
    await page.goto(`${baseURL(TEST_PORTS.linkOnly)}/sign-in`);
  },
  "sign-in-password": async (page) => {
    await page.goto("/sign-in/password");
  },
  "sign-up": async (page) => {
    await page.goto("/sign-up");
  },
  "sign-up-sent": async (page) => {
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill(LONG_NAME);
    await page.getByLabel("Email").fill(longEmail("a11y-sign-up"));
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  },
  "forgot-password": async (page) => {
    await page.goto("/forgot-password");
  },
  "forgot-password-sent": async (page) => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(longEmail("a11y-forgot"));
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  },
  "reset-password": async (page) => {
    await page.goto("/reset-password?token=preview");
  },
  "reset-password-error": async (page) => {
    await page.goto("/reset-password?error=INVALID_TOKEN");
  },
  confirm: async (page, request) => {
    await page.goto((await requestLink(request, longEmail("a11y-confirm"))).toString());
  },
  "confirm-expired": async (page, request) => {
    const link = await requestLink(request, longEmail("a11y-expired"));
    await expireLink(link);
    await page.goto(link.toString());
  },
  "confirm-used": async (page) => {
    await page.goto("/sign-in/confirm?token=used");
  },
  dashboard: async (page, request) => {
    await signIn(page, request, "a11y-dashboard");
  },
  "account-profile": async (page, request) => {
    await signIn(page, request, "a11y-profile");
    await page.goto("/account");
    await page.getByRole("textbox", { name: /^Name/ }).fill(" ");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
  },
  "account-email-sent": async (page, request) => {
    await signIn(page, request, "a11y-email");
    await page.goto("/account");
    await page.getByLabel("New email").fill(longEmail("a11y-new"));
    await page.getByRole("button", { name: "Email me a confirmation link" }).click();
    await expect(page.getByRole("heading", { name: "Check your new inbox" })).toBeVisible();
  },
  "email-change-confirm": async (page, request) => {
    await signIn(page, request, "a11y-email-confirm");
    const newEmail = longEmail("a11y-new");
    await page.goto("/account");
    await page.getByLabel("New email").fill(newEmail);
    await page.getByRole("button", { name: "Email me a confirmation link" }).click();
    await page.goto((await latestLink(request, newEmail, undefined, "/email-change/confirm")).toString());
    await expect(page.getByRole("button", { name: "Change my email" })).toBeVisible();
  },
  "account-security": async (page, request) => {
    await signIn(page, request, "a11y-security");
    await page.goto("/account/security");
  },
  "account-security-connected": async (page, request) => {
    const email = await signIn(page, request, "a11y-connected");
    await page.goto("/account/security");
    await signInAs(page.context(), { sub: `a11y-${randomUUID()}`, email });
    await page.getByRole("button", { name: `Connect ${SOCIAL.oidc.name}` }).click();
    await expect(page.getByText(`${SOCIAL.oidc.name} is connected.`)).toBeVisible();
  },
  "account-security-confirm": async (page, request) => {
    const email = await signIn(page, request, "a11y-stale");
    await ageSessions(email);
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  },
  "account-delete-confirm": async (page, request) => {
    const email = await signIn(page, request, "a11y-delete");
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Email me a link to delete my account" }).click();
    await page.goto((await latestLink(request, email, undefined, "/account/delete")).toString());
    await expect(page.getByRole("button", { name: "Delete my account" })).toBeVisible();
  },
  "account-deleted": async (page) => {
    await page.goto("/account-deleted");
  },
  "account-security-2fa-setup": async (page, request) => {
    await signIn(page, request, "a11y-2fa-setup");
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  },
  "account-security-2fa-codes": async (page, request) => {
    await signIn(page, request, "a11y-2fa-codes");
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    await page.getByRole("textbox", { name: "Code from the app" }).fill(totp(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByTestId("backup-codes").getByRole("listitem")).toHaveCount(10);
  },
  "account-security-2fa-on-passkeys": async (page, request) => {
    const email = await signIn(page, request, "a11y-2fa-on");
    await turnOnTwoFactor(request);
    const [{ id }] = await usersWithEmail(email);
    await softwarePasskey(String(id), LONG_NAME);
    await softwarePasskey(String(id), "MacBook Chrome");
    await page.goto("/account/security");
    await expect(page.getByRole("button", { name: "Turn off two-factor authentication" })).toBeVisible();
    await expect(page.getByTestId("passkey")).toHaveCount(2);
    await page.getByRole("button", { name: "Delete MacBook Chrome" }).click();
  },
  "two-factor": async (page, request) => {
    await atTwoFactorPage(page, request, "a11y-2fa");
  },
  "two-factor-nothing-pending": async (page) => {
    await page.goto("/sign-in/two-factor");
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  },
  "two-factor-backup-code-error": async (page, request) => {
    await atTwoFactorPage(page, request, "a11y-2fa-backup");
    await page.getByRole("button", { name: "Use a backup code instead" }).click();
    await page.getByRole("textbox", { name: "Backup code" }).fill("aaaaa-bbbbb");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("textbox", { name: "Backup code" })).toHaveAccessibleDescription(/not right/);
  },
  "account-sessions": async (page, request) => {
    await signIn(page, request, "a11y-sessions");
    await page.goto("/account/sessions");
    await expect(page.getByTestId("session")).toHaveCount(1);
  },
  "account-activity": async (page, request) => {
    await signIn(page, request, "a11y-activity");
    await page.goto("/account/activity");
    await expect(page.getByTestId("activity").locator("li")).toHaveCount(2);
  },
  "signed-in-sign-in": async (page, request) => {
    await signIn(page, request, "a11y-signed-in");
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "You're already signed in" })).toBeVisible();
  },
  mailbox: async (page, request) => {
    await requestLink(request, longEmail("a11y-mailbox"));
    await page.goto("/dev/mailbox");
  },
  // Organizations: an owner with a long address, a member and an invitation with long addresses, a long name.
  organization: async (page, request) => {
    await organizationWithPeople(page, request, "a11y-org");
    await page.goto("/organization");
    await expect(page.getByTestId("member")).toHaveCount(2);
  },
  "organization-settings": async (page, request) => {
    await organizationWithPeople(page, request, "a11y-org-settings");
    await page.goto("/organization/settings");
    await expect(page.getByRole("heading", { name: "Delete the organization" })).toBeVisible();
  },
  "organization-activity": async (page, request) => {
    await organizationWithPeople(page, request, "a11y-org-activity");
    await page.goto("/organization/activity");
    await expect(page.getByTestId("activity").locator("li")).toHaveCount(4);
  },
  "organization-new": async (page, request) => {
    await signIn(page, request, "a11y-org-new");
    await page.goto("/organization/new");
    await page.getByRole("textbox", { name: /^Name/ }).fill(ORGANIZATION_NAME);
  },
  "organization-none": async (page, request) => {
    await signIn(page, request, "a11y-org-none");
    await page.goto("/organization");
    await expect(page.getByRole("link", { name: "Create an organization" })).toBeVisible();
  },
  "invitation-signed-out": async (page, request) => {
    const { invitation } = await organizationWithPeople(page, request, "a11y-invite");
    await page.context().clearCookies();
    await page.goto(invitation.toString());
    await expect(page.getByLabel("Email")).not.toHaveValue("");
  },
  "invitation-other-address": async (page, request) => {
    const { invitation } = await organizationWithPeople(page, request, "a11y-invite-other");
    await page.goto(invitation.toString());
    await expect(page.getByRole("heading", { name: "This invitation is for another address" })).toBeVisible();
  },
  // The admin console, as the 64-character admin address.
  "admin-users": async (page, request) => {
    await accountToShow(page, "a11y-admin-row");
    await signInAsAdmin(page, request, E2E_ADMINS[E2E_ADMINS.length - 1]);
    await page.goto("/admin");
    await expect(page.getByTestId("user-row").first()).toBeVisible();
  },
  "admin-user": async (page, request) => {
    const { id } = await accountToShow(page, "a11y-admin-user");
    await signInAsAdmin(page, request, E2E_ADMINS[9]);
    await page.goto(`/admin/users/${id}`);
    await expect(page.getByTestId("session")).toHaveCount(2);
  },
  "admin-user-suspended": async (page, request) => {
    const { id } = await accountToShow(page, "a11y-admin-suspended");
    await signInAsAdmin(page, request, E2E_ADMINS[10]);
    const banned = await request.post("/api/auth/admin/ban-user", {
      data: { userId: id, banReason: `Repeated chargebacks; ${LONG_NAME}`, banExpiresIn: 30 * 24 * 60 * 60 },
      headers: { origin: baseURL() },
    });
    expect(banned.status()).toBe(200);
    await page.goto(`/admin/users/${id}`);
    await expect(page.getByTestId("suspension")).toBeVisible();
  },
  "admin-impersonating": async (page, request) => {
    const { id } = await accountToShow(page, "a11y-admin-viewed");
    await signInAsAdmin(page, request, E2E_ADMINS[11]);
    const started = await request.post("/api/auth/admin/impersonate-user", { data: { userId: id }, headers: { origin: baseURL() } });
    expect(started.status()).toBe(200);
    await page.goto("/dashboard");
    await expect(page.getByTestId("impersonation-banner")).toBeVisible();
  },
  "admin-activity": async (page, request) => {
    await accountToShow(page, "a11y-admin-activity");
    await signInAsAdmin(page, request, E2E_ADMINS[18]);
    await page.goto("/admin/activity");
    await expect(page.getByRole("link", { name: "Export as CSV" })).toBeVisible();
  },
  "admin-needs-second-factor": async (page, request) => {
    await signInAsAdmin(page, request, E2E_ADMINS[16], { secondFactor: false });
    await page.goto("/admin");
    await expect(page.getByTestId("admin-needs-second-factor")).toBeVisible();
  },
  "not-found": async (page) => {
    await page.goto("/no-such-page");
  },
};

test.describe("every page, in both themes", () => {
  // Each page is reached once, in the light theme; then the system setting turns dark, and the head script
  // (components/site/theme-script.ts) follows it on the same page, in the same state.
  test.use({ colorScheme: "light" });
  for (const [name, open] of Object.entries(pages)) {
    test(name, async ({ page }) => {
      await open(page, page.request);
      const desktop = page.viewportSize()!;
      for (const theme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.setViewportSize(desktop);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expectAccessible(page);
        await expectNoSidewaysScroll(page);
        await screenshot(page, `${name}-${theme}`);
        await page.setViewportSize(PHONE);
        await expectNoSidewaysScroll(page);
        await screenshot(page, `${name}-${theme}-phone`);
      }
    });
  }
});

test.describe("keyboard only", () => {
  test("the admin console: search, open an account, suspend it", async ({ page, request }) => {
    const { email } = await accountToShow(page, "keyboard-admin");
    await signInAsAdmin(page, request, E2E_ADMINS[17]);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Users" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Search by address or name")).toBeFocused();
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: /1 account matches/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Users" })).toBeFocused();
    // Past the search field and its button: the account's address.
    for (let step = 0; step < 3; step++) await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: email })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: email })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(/^Reason/)).toBeFocused();
    await page.keyboard.type("Asked by the owner");
    page.once("dialog", (dialog) => void dialog.accept());
    // On through the end day's field (the browser gives its parts a stop each) to the button.
    const suspend = page.getByRole("button", { name: "Suspend account" });
    for (let step = 0; step < 6 && !(await suspend.evaluate((button) => button === document.activeElement)); step++) {
      await page.keyboard.press("Tab");
    }
    await expect(suspend).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("suspension")).toContainText("Reason: Asked by the owner.");
  });

  test("the code flow: from the email field to the code field to the dashboard", async ({ page, request }) => {
    const email = uniqueEmail("keyboard-code");
    await page.goto("/sign-in");
    // The page is ready for the keyboard once it has put the focus on its heading (before that, Tab reaches
    // the skip link first).
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Or enter the code from the email")).toBeFocused();
    await page.keyboard.type(wrongCode(await latestCode(request, email)));
    // The field keeps the focus, its description saying what went wrong; typing replaces the wrong code.
    await expect(page.getByLabel("Or enter the code from the email")).toBeFocused();
    await expect(page.getByLabel("Or enter the code from the email")).toHaveAccessibleDescription(/2 tries left/);
    await page.keyboard.type(await latestCode(request, email));
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("the magic-link flow from the sign-in form to the dashboard and out", async ({ page, request }) => {
    const email = uniqueEmail("keyboard");
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();

    await page.goto((await latestLink(request, email)).toString());
    await expect(page.getByRole("heading", { name: "Sign in to Acme" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("user-email")).toHaveText(email);

    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("main").getByRole("button", { name: "Sign out" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("the two-factor step: heading, code field, Enter signs in; the backup-code switch moves the focus to its field", async ({ page, request }) => {
    const email = await signIn(page, request, "keyboard-2fa");
    const secret = await turnOnTwoFactor(page.request);
    await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto((await requestLink(request, email)).toString());
    await expect(page.getByRole("heading", { name: "Sign in to Acme" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    // As on every page, the heading first; then the field.
    await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("textbox", { name: "Authentication code" })).toBeFocused();
    // Past the field, the trust checkbox and the button: the switch to a backup code.
    for (let step = 0; step < 3; step++) await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Use a backup code instead" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Backup code" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Use your authenticator app instead" }).press("Enter");
    await expect(page.getByRole("textbox", { name: "Authentication code" })).toBeFocused();
    await page.keyboard.type(totp(secret));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("organizations: the header's menu, a new organization, an invitation, all from the keyboard", async ({ page, request }) => {
    await signIn(page, request, "keyboard-org");
    await page.goto("/dashboard");
    // Back from the page's heading through the header: the theme, Sign out, the address, the organization menu.
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeFocused();
    for (let step = 0; step < 4; step++) await page.keyboard.press("Shift+Tab");
    await expect(page.getByTestId("organization-switcher").locator("summary")).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "New organization" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "New organization" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.type("Keyboard Works");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Keyboard Works" })).toBeFocused();
    // The heading, then the section links (Members, Settings, Activity), then the invitation's address.
    for (let step = 0; step < 4; step++) await page.keyboard.press("Tab");
    await expect(page.getByLabel("Email address to invite")).toBeFocused();
    await page.keyboard.type(uniqueEmail("keyboard-invitee"));
    await page.keyboard.press("Enter");
    await expect(page.getByText(/^Invitation sent to/)).toBeVisible();
    await expect(page.getByTestId("invitation")).toHaveCount(1);
  });

  test("the account area: change the name and move between sections", async ({ page, request }) => {
    await signIn(page, request, "keyboard-account");
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Profile" })).toBeFocused();
    // The heading, then the new-email field and its button, then the name.
    for (let step = 0; step < 3; step++) await page.keyboard.press("Tab");
    await expect(page.getByRole("textbox", { name: /^Name/ })).toBeFocused();
    await page.keyboard.type("Ada Lovelace");
    await page.keyboard.press("Enter");
    await expect(page.getByText("Your name is saved.")).toBeVisible();
    // Back up the page past the email form to the section links (Profile, Security, Sessions, Activity).
    await expect(page.getByRole("textbox", { name: /^Name/ })).toBeFocused();
    for (let step = 0; step < 4; step++) await page.keyboard.press("Shift+Tab");
    await expect(page.getByRole("link", { name: "Sessions" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Sessions" })).toBeFocused();
    await expect(page.getByRole("link", { name: "Sessions" })).toHaveAttribute("aria-current", "page");
  });
});
