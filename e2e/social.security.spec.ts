import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { getSession, signInOverHttp } from "./accounts";
import { baseURL, SERVER_LOG_FILE, SOCIAL } from "./config";
import { sessionsFor, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";
import { denyAtProvider, signInAs } from "./oidc-provider";

/**
 * What social sign-in refuses, in Chromium through the buttons against a real OpenID Connect provider
 * (e2e/oidc-provider.ts): an address the provider does not vouch for, a sign-in the person declined at the
 * provider, a callback used again, a destination on another site. Each ends on the sign-in page with a sentence
 * naming the provider, and no session.
 */

const OIDC_BUTTON = `Continue with ${SOCIAL.oidc.name}`;

/** Presses the OpenID Connect provider's button and waits for the page the round trip ends on. */
async function continueWithProvider(page: Page) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  // Past the provider and the callback: on a page of the app, signed in or back at the sign-in page with ?error=.
  await page.waitForURL(
    (url) => url.origin === baseURL() && !url.pathname.startsWith("/api/") && !(url.pathname === "/sign-in" && url.search === ""),
  );
}

async function providerAccountCount(email: string) {
  const db = testDatabase();
  try {
    const { rows } = await db.execute({
      sql: 'SELECT count(*) AS n FROM account JOIN "user" ON account.userId = "user".id WHERE "user".email = ? AND account.providerId = \'oidc\'',
      args: [email],
    });
    return Number(rows[0].n);
  } finally {
    db.close();
  }
}

/** The sign-in page, back with a message in place of a raw code. */
async function expectRefusal(page: Page, message: string | RegExp) {
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(message);
  expect(await getSession(page.request)).toBeNull();
}

test.describe("an address the provider does not vouch for", () => {
  test("never signs into the existing account with that address: the person is told to sign in by email and connect", async ({
    page,
    context,
    request,
  }) => {
    const email = uniqueEmail("unverified-owner");
    await signInOverHttp(request, email);
    const sessionsBefore = await sessionsFor(email);
    await signInAs(context, { sub: `subject-${randomUUID()}`, email, email_verified: false });
    await continueWithProvider(page);
    await expectRefusal(
      page,
      `We can't sign you in with ${SOCIAL.oidc.name} until this email address is confirmed as yours. ` +
        `Sign in with your email first, then connect ${SOCIAL.oidc.name} from your account.`,
    );
    expect(await sessionsFor(email)).toBe(sessionsBefore);
    expect(await providerAccountCount(email)).toBe(0);
  });

  test("creates no account for a new address either", async ({ page, context }) => {
    const email = uniqueEmail("unverified-new");
    await signInAs(context, { sub: `subject-${randomUUID()}`, email, email_verified: false });
    await continueWithProvider(page);
    await expectRefusal(page, new RegExp(`^We can't sign you in with ${SOCIAL.oidc.name} until this email address is confirmed as yours`));
    expect(await usersWithEmail(email)).toHaveLength(0);
  });
});

test.describe("the provider's refusal", () => {
  test("a sign-in declined at the provider (error=access_denied) comes back to the sign-in page in words", async ({ page, context }) => {
    const email = uniqueEmail("declined");
    await signInAs(context, { sub: `subject-${randomUUID()}`, email });
    await denyAtProvider(context);
    await continueWithProvider(page);
    await expectRefusal(page, `Signing in with ${SOCIAL.oidc.name} was cancelled. Try again, or sign in with your email.`);
    await expect(page.getByRole("main")).not.toContainText("access_denied");
    expect(await usersWithEmail(email)).toHaveLength(0);
  });
});

test.describe("a callback used again", () => {
  test("is refused in another browser, with a message and no session", async ({ page, context, browser }) => {
    const email = uniqueEmail("replayed");
    await signInAs(context, { sub: `subject-${randomUUID()}`, email });
    const callback = page.waitForRequest((request) => request.url().startsWith(`${baseURL()}/api/auth/callback/oidc?`));
    await continueWithProvider(page);
    await expect(page.getByTestId("user-email")).toHaveText(email);
    const callbackURL = (await callback).url();
    const sessionsBefore = await sessionsFor(email);

    // Someone who saw the address (a proxy log, the browser history) opens it in their own browser.
    const attacker = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const attackerPage = await attacker.newPage();
    await attackerPage.goto(callbackURL);
    await expectRefusal(attackerPage, new RegExp(`^This sign-in with ${SOCIAL.oidc.name} can't be finished`));
    await attacker.close();
    expect(await sessionsFor(email)).toBe(sessionsBefore);

    // And in the browser that used it, signed out: the same.
    await page.getByRole("navigation", { name: "Account", exact: true }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto(callbackURL);
    await expectRefusal(page, new RegExp(`^This sign-in with ${SOCIAL.oidc.name} can't be finished`));
    expect(await sessionsFor(email)).toBe(sessionsBefore - 1);

    // Nothing of the round trip reached the servers' output: the code, the client's secret.
    const log = readFileSync(SERVER_LOG_FILE, "utf8");
    expect(log).not.toContain(new URL(callbackURL).searchParams.get("code")!);
    expect(log).not.toContain(SOCIAL.oidc.clientSecret);
  });
});

test.describe("where a sign-in may lead", () => {
  test("a callbackURL on another site is refused before the provider is asked", async ({ request }) => {
    const response = await request.post("/api/auth/sign-in/social", {
      data: { provider: "oidc", callbackURL: "https://evil.example/welcome" },
      headers: { origin: baseURL() },
    });
    expect(response.status()).toBe(403);
    expect(JSON.stringify(await response.json())).not.toContain(SOCIAL.oidc.issuer);
  });

  test("the sign-in page does not pass one on from its address", async ({ page }) => {
    let started: Record<string, unknown> | undefined;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/auth/sign-in/social")) started = request.postDataJSON();
    });
    const authorization = page.waitForRequest((request) => request.url().startsWith("https://github.com/"));
    await page.route("https://github.com/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>GitHub</h1>" }));
    await page.goto("/sign-in?callbackURL=https%3A%2F%2Fevil.example%2F");
    await page.getByRole("button", { name: "Continue with GitHub" }).click();
    await authorization;
    expect(started).toMatchObject({ provider: "github", callbackURL: "/dashboard" });
  });
});
