import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { baseURL, CLOSED_SERVER_MEMBER, TEST_PORTS } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import {
  expireLink,
  latestCode,
  latestLink,
  magicLinkRowsFor,
  mailboxFor,
  requestLink,
  signInWithCode,
  uniqueEmail,
  usersWithEmail,
  verifyUrl,
} from "./helpers";

/**
 * Magic links: asking for one, opening it (once, before it expires), where it leads; and the screens around
 * it in the browser (the sign-in form, the check-email screen, a link that can no longer be used).
 * Their hostile cases are in links.security.spec.ts.
 */

/** Uses a link the way API clients do (GET /api/auth/magic-link/verify), without following the redirect. */
function openLink(request: APIRequestContext, link: URL) {
  return request.get(verifyUrl(link).toString(), { maxRedirects: 0 });
}

async function sessionOf(request: APIRequestContext) {
  const response = await request.get("/api/auth/get-session");
  expect(response.status()).toBe(200);
  return (await response.json()) as { user: { id: string; email: string; emailVerified: boolean } } | null;
}

test.describe("sending a link", () => {
  test("answers {status:true} and delivers one email holding the link, its lifetime and a plain-text part", async ({
    request,
  }) => {
    const email = uniqueEmail();
    const link = await requestLink(request, email);
    const inbox = await mailboxFor(request, email);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].subject).toBe("Sign in to Acme");
    expect(inbox[0].html).toContain(link.toString().replaceAll("&", "&amp;"));
    expect(inbox[0].text).toContain(link.toString());
    expect(inbox[0].text).toContain("expires in 5 minutes");
    expect(link.origin).toBe(baseURL());
    expect(link.pathname).toBe("/sign-in/confirm");
    expect(link.searchParams.get("token")).toMatch(/^[A-Za-z]{32}-[0-9a-z]+$/);
    expect(link.searchParams.get("callbackURL")).toBe("/dashboard");
  });

  test("rejects a malformed address with 400 and sends nothing", async ({ request }) => {
    const response = await request.post("/api/auth/sign-in/magic-link", { data: { email: "not-an-email" } });
    expect(response.status()).toBe(400);
    expect((await mailboxFor(request, "not-an-email")).length).toBe(0);
  });

  test("goes to the address as typed, found by the mailbox in any case", async ({ request }) => {
    const email = uniqueEmail("Mixed.Case");
    await requestLink(request, email);
    expect(await mailboxFor(request, email.toLowerCase())).toHaveLength(1);
    expect((await latestLink(request, email.toUpperCase())).searchParams.get("token")).toBeTruthy();
  });
});

test.describe("opening a link", () => {
  test("creates the account on first use, sets the session cookie and redirects to callbackURL", async ({
    request,
  }) => {
    const email = uniqueEmail("new");
    const link = await requestLink(request, email);
    const response = await openLink(request, link);
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe(`${baseURL()}/dashboard`);
    const cookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const session = await sessionOf(request);
    expect(session?.user.email).toBe(email);
    expect(session?.user.emailVerified).toBe(true);
  });

  test("sends a new user to newUserCallbackURL and a returning one to callbackURL", async ({ request }) => {
    const email = uniqueEmail("returning");
    const first = await requestLink(request, email, { newUserCallbackURL: "/welcome" });
    expect((await openLink(request, first)).headers().location).toBe(`${baseURL()}/welcome`);
    const second = await requestLink(request, email, { newUserCallbackURL: "/welcome" });
    expect((await openLink(request, second)).headers().location).toBe(`${baseURL()}/dashboard`);
  });

  test("works once: opening it again redirects with error=INVALID_TOKEN and signs nobody in", async ({
    playwright,
  }) => {
    const email = uniqueEmail("reuse");
    const sender = await playwright.request.newContext({
      baseURL: baseURL(),
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    const link = await requestLink(sender, email, { errorCallbackURL: "/sign-in" });
    expect((await openLink(sender, link)).status()).toBe(302);

    const attacker = await playwright.request.newContext({
      baseURL: baseURL(),
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    const again = await openLink(attacker, link);
    expect(again.status()).toBe(302);
    expect(again.headers().location).toBe(`${baseURL()}/sign-in?error=INVALID_TOKEN`);
    expect(again.headers()["set-cookie"]).toBeUndefined();
    expect(await sessionOf(attacker)).toBeNull();
  });

  test("expires: once its lifetime has passed it redirects with error=INVALID_TOKEN", async ({ request }) => {
    const email = uniqueEmail("expired");
    const link = await requestLink(request, email, { errorCallbackURL: "/sign-in" });
    await expireLink(link);
    const response = await openLink(request, link);
    expect(response.headers().location).toBe(`${baseURL()}/sign-in?error=INVALID_TOKEN`);
    expect(await sessionOf(request)).toBeNull();
  });

  test("an unknown token redirects with error=INVALID_TOKEN (to callbackURL when no errorCallbackURL)", async ({
    request,
  }) => {
    const response = await request.get("/api/auth/magic-link/verify?token=nosuchtoken&callbackURL=/dashboard", {
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe(`${baseURL()}/dashboard?error=INVALID_TOKEN`);
  });

  test("a HEAD request to the API's verify URL does not consume it", async ({ request }) => {
    const email = uniqueEmail("head");
    const link = await requestLink(request, email);
    const head = await request.head(verifyUrl(link).toString(), { maxRedirects: 0 });
    expect(head.headers()["set-cookie"]).toBeUndefined();
    const response = await openLink(request, link);
    expect(response.headers().location).toBe(`${baseURL()}/dashboard`);
    expect((await sessionOf(request))?.user.email).toBe(email);
  });

  test("signs an account made with a password into that same user row", async ({ request }) => {
    const email = uniqueEmail("password-first");
    const signUp = await request.post("/api/auth/sign-up/email", {
      data: { email, password: "correct horse battery", name: "Pat" },
    });
    expect(signUp.status()).toBe(200);
    const [account] = await usersWithEmail(email);

    const link = await requestLink(request, email);
    await openLink(request, link);
    const session = await sessionOf(request);
    expect(session?.user.id).toBe(account.id);

    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  test("sign-out ends the session on the server", async ({ request }) => {
    const email = uniqueEmail("sign-out");
    await openLink(request, await requestLink(request, email));
    expect((await sessionOf(request))?.user.email).toBe(email);
    const signOut = await request.post("/api/auth/sign-out", { data: {}, headers: { origin: baseURL() } });
    expect(signOut.status()).toBe(200);
    expect(await sessionOf(request)).toBeNull();
  });
});

test.describe("with sign-up disabled (AUTH_DISABLE_SIGN_UP=true)", () => {
  const port = TEST_PORTS.signUpDisabled;

  test("an unknown address gets the same answer, an email saying there is no account, and no usable link", async ({
    request,
  }) => {
    const email = uniqueEmail("stranger");
    const response = await request.post(`${baseURL(port)}/api/auth/sign-in/magic-link`, {
      data: { email, callbackURL: "/dashboard" },
    });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: true });
    await expect.poll(async () => (await mailboxFor(request, email, port)).length).toBe(1);
    const [message] = await mailboxFor(request, email, port);
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).toContain("there is no account for it and new accounts are closed");
    expect(message.text).not.toMatch(/token=/);
    expect(await usersWithEmail(email, "signUpDisabled")).toHaveLength(0);
    expect(await magicLinkRowsFor(email, "signUpDisabled")).toBe(0);
  });

  test("an existing account still signs in (by code: this server's emails carry codes only)", async ({ request }) => {
    const sent = await request.post(`${baseURL(port)}/api/auth/sign-in/magic-link`, {
      data: { email: CLOSED_SERVER_MEMBER, callbackURL: "/dashboard" },
    });
    expect(sent.status()).toBe(200);
    const response = await signInWithCode(request, CLOSED_SERVER_MEMBER, await latestCode(request, CLOSED_SERVER_MEMBER, port), port);
    expect(response.status()).toBe(200);
    expect((await response.json()).user.email).toBe(CLOSED_SERVER_MEMBER);
  });

  test("password sign-up is refused", async ({ request }) => {
    const response = await request.post(`${baseURL(port)}/api/auth/sign-up/email`, {
      data: { email: uniqueEmail("blocked"), password: "correct horse battery", name: "Blocked" },
    });
    expect(response.status()).toBe(400);
  });
});

test.describe("signing in with a magic link in the browser", () => {
  test("email → check-email screen → link → dashboard → sign out → dashboard sends back to sign-in", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("browser");
    await page.goto("/");
    await page.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();

    await page.goto((await latestLink(request, email)).toString());
    await expect(page.getByText("Continue as b•••@example.com?")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("user-email")).toHaveText(email);

    await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fdashboard$/);
  });

  test("a signed-out visitor sent to sign-in comes back to the page they wanted", async ({ page, request }) => {
    const email = uniqueEmail("return");
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fdashboard$/);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestLink(request, email);
    expect(link.searchParams.get("callbackURL")).toBe("/dashboard");
    await page.goto(link.toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("'Try a different email' returns to the form", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(uniqueEmail("typo"));
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("button", { name: "Try a different email" }).click();
    await expect(page.getByLabel("Email")).toBeVisible();
    // The resend wait was for the mistyped address: the corrected one goes at once.
    const corrected = uniqueEmail("corrected");
    await page.getByLabel("Email").fill(corrected);
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText(corrected)).toBeVisible();
    expect(await mailboxFor(page.request, corrected)).toHaveLength(1);
  });

  test("a used or expired link shows a human message and the form, never the error code", async ({ page, request }) => {
    const email = uniqueEmail("stale");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestLink(request, email);
    await expireLink(link);

    await page.goto(link.toString());
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Sign-in links work for 5 minutes. Send yourself a new one.",
    );
    await page.getByRole("link", { name: "Send a new link" }).click();
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
  });

  test("a link that expires while its confirmation page is open sends back to the form with a message", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("slow");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestLink(request, email);
    await page.goto(link.toString());
    await expireLink(link);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/sign-in\?/);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This sign-in link has expired. Send a new one.");
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
  });
});

test.describe("one honest wording for a link that can't be used", () => {
  test("a link past its lifetime says 'expired' even once its row has been cleaned up", async ({ page, request }) => {
    const link = await requestLink(request, uniqueEmail("cleaned-up"));
    const token = link.searchParams.get("token")!;
    const [random, expiry] = token.split("-");
    // The link says when it expires: five minutes from now.
    expect(Math.abs(parseInt(expiry, 36) - (Date.now() / 1000 + 300))).toBeLessThan(30);
    // A token whose lifetime has passed and whose row is gone, as better-auth's cleanup leaves an old link.
    const old = new URL(link);
    old.searchParams.set("token", `${random}-${Math.floor(Date.now() / 1000 - 60).toString(36)}`);
    await page.goto(old.toString());
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();

    // One still within its lifetime but unknown (used, or replaced) says so, and no more.
    old.searchParams.set("token", `${random}-${Math.floor(Date.now() / 1000 + 60).toString(36)}`);
    await page.goto(old.toString());
    await expect(page.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "This sign-in link was already used, or a newer one replaced it. Send yourself a new one.",
    );
  });

  test("the API's verify answer, which cannot tell, names every possibility", async ({ page }) => {
    await page.goto("/api/auth/magic-link/verify?token=unknown&callbackURL=%2Fdashboard&errorCallbackURL=%2Fsign-in");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "This sign-in link can't be used: it expired, was already used, or a newer one replaced it. Send a new one.",
    );
  });
});

test.describe("the sign-in form", () => {
  test("shows a refused address's error beside the field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("someone@localhost");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const field = page.getByLabel("Email");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription("Enter one email address, like name@example.com.");
  });

  test("an address that has had its emails waits, in minutes; another address can be sent at once", async ({ page, request }) => {
    const email = uniqueEmail("limited");
    for (let sent = 0; sent < 3; sent++) {
      const response = await request.post("/api/auth/sign-in/magic-link", {
        data: { email },
        headers: { "x-real-ip": randomClientIp() },
      });
      expect(response.status()).toBe(200);
    }
    await page.goto("/sign-in");
    const field = page.getByLabel("Email");
    const send = page.getByRole("button", { name: "Email me a sign-in link" });
    await field.fill(email);
    await send.click();
    // The window is 10 minutes from the first email: 9 or 10 of them are left.
    await expect(field).toHaveAccessibleDescription(/^Too many sign-in emails to this address, try again in (9|10) minutes\.$/);
    await expect(send).toBeDisabled();
    // Another address: nothing to wait for.
    const other = uniqueEmail("not-limited");
    await field.fill(other);
    await expect(field).not.toHaveAttribute("aria-invalid");
    await expect(send).toBeEnabled();
    // The limited one again, as typed with capitals: still waiting.
    await field.fill(email.toUpperCase());
    await expect(send).toBeDisabled();
    await field.fill(other);
    await send.click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(other)).toBeVisible();
  });

  test("a client that has sent too many requests waits, with a countdown, whatever the address", async ({ page }) => {
    // This test's client address (the fixture's) has used its requests for the minute, to 30 other addresses.
    for (let sent = 0; sent < 30; sent++) {
      const response = await page.request.post("/api/auth/sign-in/magic-link", {
        data: { email: uniqueEmail("flood") },
        headers: { origin: baseURL() },
      });
      expect(response.status()).toBe(200);
    }
    await page.goto("/sign-in");
    const send = page.getByRole("button", { name: "Email me a sign-in link" });
    await page.getByLabel("Email").fill(uniqueEmail("per-client"));
    await send.click();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toHaveText(/^Too many requests, try again in \d+ s\.$/);
    const first = Number((await alert.textContent())!.match(/\d+/)![0]);
    await expect(alert).not.toHaveText(`Too many requests, try again in ${first} s.`, { timeout: 3000 });
    await expect(send).toBeDisabled();
    await page.getByLabel("Email").fill(uniqueEmail("another"));
    await expect(send).toBeDisabled();
  });

  test("when the network fails, offers to try again, and the retry goes through", async ({ page }) => {
    const email = uniqueEmail("offline");
    await page.goto("/sign-in");
    await page.route("**/api/auth/sign-in/magic-link", (route) => route.abort("internetdisconnected"));
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "We couldn't reach the server. Check your connection and try again.",
    );
    await page.unroute("**/api/auth/sign-in/magic-link");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
});

test.describe("the check-email screen", () => {
  test("offers the webmail it knows, and sends again only after a countdown; only the newest link works", async ({
    page,
    request,
  }) => {
    const email = `check-${Date.now()}@gmail.com`;
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("expires in 5 minutes")).toBeVisible();
    await expect(page.getByRole("link", { name: "Open Gmail" })).toHaveAttribute(
      "href",
      "https://mail.google.com/mail/u/0/#inbox",
    );
    const resend = page.getByRole("button", { name: /^Send again/ });
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/Send again in \d+ s/);
    await page.clock.install();
    await page.clock.fastForward(31_000);
    await expect(resend).toHaveText("Send again", { timeout: 10_000 });
    const before = await resend.boundingBox();
    await resend.click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "We sent a new email. Only the newest link and code work.",
    );
    // The notice appears below: the button under the pointer stays where it was.
    expect((await resend.boundingBox())?.y).toBe(before?.y);
    await expect.poll(async () => (await mailboxFor(request, email)).length).toBe(2);
  });
});

test.describe("signed in from the email in another tab", () => {
  /** The check-email screen in this page, and the emailed link opened and used in a second tab of the same browser. */
  async function signInInAnotherTab(page: Page, context: BrowserContext, request: APIRequestContext, email: string) {
    await page.goto("/sign-in?callbackURL=%2Faccount");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const tab = await context.newPage();
    await tab.goto((await latestLink(request, email)).toString());
    await tab.getByRole("button", { name: "Continue" }).click();
    await expect(tab).toHaveURL(/\/account$/);
    return tab;
  }

  test("coming back to the first tab, it goes on to where sign-in was going", async ({ page, context, request }) => {
    const email = uniqueEmail("back-to-tab");
    await signInInAnotherTab(page, context, request, email);
    await page.bringToFront();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("with both tabs on screen, the first one notices within seconds", async ({ page, context, request }) => {
    await page.clock.install();
    const email = uniqueEmail("side-by-side");
    await signInInAnotherTab(page, context, request, email);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.clock.fastForward(5_000);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });
});

test.describe("the next step on a dead link keeps where it was going", () => {
  test("'Send a new link' on an expired link's page returns to sign-in with the link's destination", async ({
    page,
    request,
  }) => {
    const link = await requestLink(request, uniqueEmail("next-step"), { callbackURL: "/dashboard?tab=billing" });
    await expireLink(link);
    await page.goto(link.toString());
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await page.getByRole("link", { name: "Send a new link" }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fdashboard%3Ftab%3Dbilling$/);
  });
});
