import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, signInOverHttp } from "./accounts";
import { baseURL, SOCIAL, TEST_PORTS } from "./config";
import { ageSessions, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";
import { signInAs } from "./oidc-provider";

/**
 * Social sign-in in Chromium, through the buttons: GitHub and Google lead to their own authorization pages (fake
 * credentials: the tests stop there), the OpenID Connect provider is a real one (e2e/oidc-provider.ts) that signs
 * in, creates accounts, and connects to and disconnects from an account in the account area. What must be
 * refused is in social.security.spec.ts.
 */

const PROVIDER_BUTTONS = ["Continue with GitHub", "Continue with Google", `Continue with ${SOCIAL.oidc.name}`];

/** The provider's id for a person new to it. */
const newSubject = () => `subject-${randomUUID()}`;

/** The authorization page a button leads to, caught before the browser reaches the provider's real site. */
async function catchAuthorization(page: Page, host: string) {
  let resolve: (url: URL) => void;
  const reached = new Promise<URL>((done) => (resolve = done));
  await page.route(`https://${host}/**`, async (route) => {
    resolve(new URL(route.request().url()));
    await route.fulfill({ contentType: "text/html", body: "<title>Provider</title><h1>The provider's page</h1>" });
  });
  return reached;
}

/** The provider account rows of an address's user, by provider id. */
async function providerAccountsOf(email: string) {
  const db = testDatabase();
  try {
    const { rows } = await db.execute({
      sql: 'SELECT account.providerId, account.accountId FROM account JOIN "user" ON account.userId = "user".id WHERE "user".email = ? AND account.providerId != \'credential\'',
      args: [email],
    });
    return rows.map((row) => ({ providerId: String(row.providerId), accountId: String(row.accountId) }));
  } finally {
    db.close();
  }
}

test.describe("the buttons", () => {
  test("the sign-in page offers each configured provider below the email form, after an \"or\"", async ({ page }) => {
    await page.goto("/sign-in");
    const buttons = page.getByRole("main").getByRole("button", { name: /^Continue with/ });
    await expect(buttons).toHaveText(PROVIDER_BUTTONS);
    await expect(page.getByRole("main").getByText("or", { exact: true })).toBeVisible();
    // Below the email form: after its submit button in the page's order.
    const order = await page
      .getByRole("main")
      .getByRole("button")
      .evaluateAll((elements) => elements.map((element) => element.textContent?.trim()));
    expect(order.indexOf("Email me a sign-in link")).toBeLessThan(order.indexOf("Continue with GitHub"));
  });

  test("the sign-up page offers them too", async ({ page }) => {
    await page.goto("/sign-up");
    await expect(page.getByRole("main").getByRole("button", { name: /^Continue with/ })).toHaveText(PROVIDER_BUTTONS);
  });

  test("GitHub's button leads to GitHub's authorization page, with PKCE, a state and this app's way back", async ({ page }) => {
    const authorization = catchAuthorization(page, "github.com");
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Continue with GitHub" }).click();
    const url = await authorization;
    expect(url.origin + url.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: SOCIAL.github.clientId,
      redirect_uri: `${baseURL()}/api/auth/callback/github`,
      response_type: "code",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("state")).toMatch(/^.{16,}$/);
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["read:user", "user:email"]));
    await expect(page.getByRole("heading", { name: "The provider's page" })).toBeVisible();
  });

  test("Google's button leads to Google's authorization page, with PKCE, a state and this app's way back", async ({ page }) => {
    const authorization = catchAuthorization(page, "accounts.google.com");
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Continue with Google" }).click();
    const url = await authorization;
    expect(url.origin + url.pathname).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: SOCIAL.google.clientId,
      redirect_uri: `${baseURL()}/api/auth/callback/google`,
      response_type: "code",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("state")).toMatch(/^.{16,}$/);
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email"]));
  });

  test("the pressed button shows it is working and the others wait while the sign-in starts", async ({ page }) => {
    // The app's own answer (where to send the browser) is held: meanwhile the browser stays on the sign-in page.
    let release: () => void = () => {};
    let reached: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked = new Promise<void>((resolve) => (reached = resolve));
    await page.route("**/api/auth/sign-in/social", async (route) => {
      reached();
      await held;
      await route.continue();
    });
    await page.route("https://github.com/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<title>GitHub</title><h1>GitHub</h1>" }),
    );
    await page.goto("/sign-in");
    const github = page.getByRole("button", { name: "Continue with GitHub" });
    await github.click();
    await asked;
    await expect(github).toHaveAttribute("aria-busy", "true");
    await expect(github).toBeDisabled();
    await expect(page.getByRole("button", { name: "Continue with Google" })).toBeDisabled();
    await expect(page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` })).toBeDisabled();
    release();
    await expect(page.getByRole("heading", { name: "GitHub" })).toBeVisible();
  });

  test("a server with no provider configured shows no button and no divider", async ({ page }) => {
    for (const path of ["/sign-in", "/sign-up"]) {
      await page.goto(`${baseURL(TEST_PORTS.linkOnly)}${path}`);
      await expect(page.getByRole("main").getByRole("textbox", { name: "Email" })).toBeVisible();
      await expect(page.getByRole("button", { name: /Continue with/ })).toHaveCount(0);
      await expect(page.getByRole("main").getByText("or", { exact: true })).toHaveCount(0);
    }
  });
});

test.describe("signing in with the OpenID Connect provider", () => {
  test("a new address gets a new account, signed in on the dashboard", async ({ page, context }) => {
    const email = uniqueEmail("oidc-new");
    await signInAs(context, { sub: newSubject(), email, name: "Nia Newcomer" });
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("user-email")).toHaveText(email);
    await expect(page.getByText("Welcome, Nia Newcomer.")).toBeVisible();
    expect(await providerAccountsOf(email)).toEqual([{ providerId: "oidc", accountId: expect.stringMatching(/^subject-/) }]);
  });

  test("from the sign-up page too", async ({ page, context }) => {
    const email = uniqueEmail("oidc-sign-up");
    await signInAs(context, { sub: newSubject(), email });
    await page.goto("/sign-up");
    await page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("an existing user's address, verified by the provider, signs into that user and connects the provider", async ({
    page,
    context,
    request,
  }) => {
    const email = uniqueEmail("oidc-existing");
    await signInOverHttp(request, email);
    const [user] = await usersWithEmail(email);
    await signInAs(context, { sub: newSubject(), email });
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
    expect((await usersWithEmail(email)).map((row) => row.id)).toEqual([user.id]);
    expect(await providerAccountsOf(email)).toHaveLength(1);
  });

  test("comes back to the page the person was on, and the activity says how they signed in", async ({ page, context }) => {
    await signInAs(context, { sub: newSubject(), email: uniqueEmail("oidc-return") });
    await page.goto("/sign-in?callbackURL=%2Faccount%2Factivity");
    await page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` }).click();
    await expect(page).toHaveURL(/\/account\/activity$/);
    const activity = page.getByTestId("activity");
    await expect(activity.getByText(`Signed in with ${SOCIAL.oidc.name}`)).toBeVisible();
    await expect(activity.getByText(`${SOCIAL.oidc.name} connected: it can sign you in`)).toBeVisible();
  });
});

test.describe("connected accounts", () => {
  test("lists the providers, connects one, signs in with it, and disconnects it", async ({ page, context }) => {
    const email = uniqueEmail("connect");
    await signIn(page, email, "/account/security");
    const section = page.getByRole("region", { name: "Connected accounts" });
    await expect(section).toContainText("Your email address always stays a way in, so disconnecting one is always safe.");
    await expect(section.getByTestId("connected-account")).toHaveText([/GitHub\s*Not connected/, /Google\s*Not connected/, /Acme SSO\s*Not connected/]);

    await signInAs(context, { sub: newSubject(), email });
    await section.getByRole("button", { name: `Connect ${SOCIAL.oidc.name}` }).click();
    await expect(page).toHaveURL(/\/account\/security\?connected=oidc$/);
    await expect(section.getByRole("status")).toHaveText(`${SOCIAL.oidc.name} is connected. You can sign in with it next time.`);
    await expect(section.getByTestId("connected-account").nth(2)).toContainText(/Connected \w{3} \d{1,2}, \d{4}/);
    expect(await providerAccountsOf(email)).toHaveLength(1);

    // Signed out, the provider signs into this same account.
    await page.getByRole("navigation", { name: "Account", exact: true }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);

    await page.goto("/account/security");
    await section.getByRole("button", { name: `Disconnect ${SOCIAL.oidc.name}` }).click();
    await expect(section.getByRole("status")).toHaveText(`${SOCIAL.oidc.name} is disconnected. It no longer signs you in.`);
    await expect(section.getByTestId("connected-account").nth(2)).toContainText("Not connected");
    expect(await providerAccountsOf(email)).toEqual([]);

    await page.goto("/account/activity");
    await expect(page.getByTestId("activity").getByText(`${SOCIAL.oidc.name} disconnected`)).toBeVisible();
  });

  test("an old sign-in sees the list, and is asked to confirm it's you before connecting", async ({ page }) => {
    const email = uniqueEmail("connect-stale");
    await signIn(page, email, "/account/security");
    await ageSessions(email);
    await page.reload();
    const section = page.getByRole("region", { name: "Connected accounts" });
    await expect(section.getByTestId("connected-account")).toHaveCount(3);
    await expect(section.getByRole("button")).toHaveCount(0);
    await expect(section).toContainText("To connect or disconnect one, confirm it's you with the sign-in link above.");
  });
});

test.describe("keyboard only", () => {
  test("Tab reaches each provider's button after the email form, and Enter starts it", async ({ page, context }) => {
    const authorization = catchAuthorization(page, "github.com");
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
    // The heading, then the email field and its button, then the providers.
    for (let step = 0; step < 3; step++) await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Continue with GitHub" })).toBeFocused();
    await page.keyboard.press("Enter");
    expect((await authorization).host).toBe("github.com");
    await expect(page.getByRole("heading", { name: "The provider's page" })).toBeVisible();

    const email = uniqueEmail("oidc-keyboard");
    await signInAs(context, { sub: newSubject(), email });
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
    for (let step = 0; step < 4; step++) await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Continue with Google" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });
});
