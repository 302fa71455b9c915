import type { APIRequestContext, Browser, Page, PlaywrightWorkerArgs } from "@playwright/test";
import { baseURL, TEST_PORTS } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import {
  addMember,
  confirm,
  expireCode,
  latestCode,
  latestLink,
  magicLinkRowsFor,
  mailboxFor,
  requestLink,
  sessionsFor,
  setCookieOf,
  signInWithCode,
  uniqueEmail,
  usersWithEmail,
  verifyUrl,
  wrongCode,
} from "./helpers";

/** Sign-in codes beside links: one email, one attempt, one credential that works. */

/** Asks for a sign-in email on another server (the code-only or link-only one) and expects it sent. */
async function requestEmail(request: APIRequestContext, email: string, port: number) {
  const response = await request.post(`${baseURL(port)}/api/auth/sign-in/magic-link`, {
    data: { email, callbackURL: "/dashboard" },
    headers: { origin: baseURL(port) },
  });
  expect(response.status()).toBe(200);
}

/** A request context of its own: another device, another client address. */
const otherDevice = (playwright: PlaywrightWorkerArgs["playwright"]) =>
  playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });

test.describe("one email, a link and a code (EMAIL_SIGN_IN=link-and-code)", () => {
  test("the email holds the link and a 6-digit code, once; neither the subject nor the preview holds the code", async ({
    request,
  }) => {
    const email = uniqueEmail("both");
    const link = await requestLink(request, email);
    const code = await latestCode(request, email);
    const [message] = await mailboxFor(request, email);
    expect(code).toMatch(/^\d{6}$/);
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).toContain(link.toString());
    expect(message.text).toContain("Open the link on this device, or type the code where you started.");
    expect(message.text).toContain(code);
    // Once in the HTML: in the code block, not in the preview line that lock screens show.
    expect(message.html.split(code)).toHaveLength(2);
    expect(message.html).toMatch(new RegExp(`font-family:[^;"]*monospace[^"]*"[^>]*>${code}<`));
  });

  test("the code signs in (creating the account), and the link from the same email is then refused", async ({
    request,
  }) => {
    const email = uniqueEmail("code-first");
    const link = await requestLink(request, email);
    const code = await latestCode(request, email);
    const response = await signInWithCode(request, email, code);
    expect(response.status()).toBe(200);
    expect((await response.json()).user).toMatchObject({ email, emailVerified: true });
    expect(setCookieOf(response)[0]).toMatch(/^better-auth\.session_token=/);
    expect((await (await request.get("/api/auth/get-session")).json()).user.email).toBe(email);
    expect((await confirm(request, link)).headers().location).toContain("error=INVALID_TOKEN");
    expect(await sessionsFor(email)).toBe(1);
  });

  test("the link signs in, and the code from the same email is then refused", async ({ request }) => {
    const email = uniqueEmail("link-first");
    const link = await requestLink(request, email);
    const code = await latestCode(request, email);
    expect((await confirm(request, link)).headers().location).toBe(`${baseURL()}/dashboard`);
    const response = await signInWithCode(request, email, code);
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({
      code: "INVALID_OTP",
      message: "This code no longer works. Send a new email to get a new code.",
      triesLeft: 0,
    });
  });

  test("a new email retires the previous link and code", async ({ request }) => {
    const email = uniqueEmail("twice");
    const firstLink = await requestLink(request, email);
    const firstCode = await latestCode(request, email);
    const secondLink = await requestLink(request, email);
    const secondCode = await latestCode(request, email);
    expect(secondLink.toString()).not.toBe(firstLink.toString());
    if (firstCode !== secondCode) expect((await signInWithCode(request, email, firstCode)).status()).toBe(400);
    expect((await confirm(request, firstLink)).headers().location).toContain("error=INVALID_TOKEN");
    expect((await signInWithCode(request, email, secondCode)).status()).toBe(200);
  });

  test("a code asked for on its own (POST /email-otp/send-verification-otp) retires the link sent before it", async ({
    request,
  }) => {
    const email = uniqueEmail("code-after-link");
    const link = await requestLink(request, email);
    const sent = await request.post("/api/auth/email-otp/send-verification-otp", {
      data: { email, type: "sign-in" },
      headers: { origin: baseURL() },
    });
    expect(sent.status()).toBe(200);
    expect(await sent.json()).toEqual({ success: true });
    const inbox = await mailboxFor(request, email);
    expect(inbox).toHaveLength(2);
    expect(inbox[0].subject).toBe("Sign in to Acme");
    expect(inbox[0].text).not.toMatch(/https?:\/\//);
    expect(await magicLinkRowsFor(email)).toBe(0);
    expect((await confirm(request, link)).headers().location).toContain("error=INVALID_TOKEN");
    expect((await signInWithCode(request, email, await latestCode(request, email))).status()).toBe(200);
  });

  test("three wrong codes, and the right one is refused after them; the link still works", async ({ request }) => {
    const email = uniqueEmail("three-wrong");
    const link = await requestLink(request, email);
    const code = await latestCode(request, email);
    const answers = [];
    for (const guess of [wrongCode(code, [1]), wrongCode(code, [2]), wrongCode(code, [3]), code]) {
      const response = await signInWithCode(request, email, guess);
      answers.push({ status: response.status(), ...(await response.json()) });
    }
    expect(answers).toEqual([
      { status: 400, code: "INVALID_OTP", message: "That code is not right. 2 tries left.", triesLeft: 2 },
      { status: 400, code: "INVALID_OTP", message: "That code is not right. 1 try left.", triesLeft: 1 },
      {
        status: 400,
        code: "INVALID_OTP",
        message: "That code is not right, and that was the last try: this code no longer works. Send a new email to get a new code.",
        triesLeft: 0,
      },
      {
        status: 403,
        code: "TOO_MANY_ATTEMPTS",
        message: "Too many wrong tries: this code no longer works. Send a new email to get a new code.",
        triesLeft: 0,
      },
    ]);
    expect(await usersWithEmail(email)).toHaveLength(0);
    // Someone guessing at the code does not hold the link: its owner still signs in with it.
    expect((await confirm(request, link)).headers().location).toBe(`${baseURL()}/dashboard`);
  });

  test("an expired code is refused (its lifetime moved into the past, not waited for)", async ({ request }) => {
    const email = uniqueEmail("expired-code");
    await requestLink(request, email);
    const code = await latestCode(request, email);
    await expireCode(email);
    const response = await signInWithCode(request, email, code);
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({
      code: "OTP_EXPIRED",
      message: "This code has expired. Send a new email to get a new code.",
      triesLeft: 0,
    });
    expect(await usersWithEmail(email)).toHaveLength(0);
  });

  test("the link and the code of one email used at the same instant: exactly one signs in", async ({
    request,
    playwright,
  }) => {
    // New addresses (the account is created by the winner) and existing ones (a session is).
    const existing = uniqueEmail("race-existing");
    await confirm(request, await requestLink(request, existing));
    for (const email of [uniqueEmail("race-new"), uniqueEmail("race-new"), existing]) {
      const link = await requestLink(request, email);
      const code = await latestCode(request, email);
      const before = await sessionsFor(email);
      const [viaLink, viaCode] = await Promise.all([
        otherDevice(playwright).then((device) => confirm(device, link)),
        otherDevice(playwright).then((device) => signInWithCode(device, email, code)),
      ]);
      const linkWon = viaLink.headers().location === `${baseURL()}/dashboard`;
      const codeWon = viaCode.status() === 200;
      expect([linkWon, codeWon].filter(Boolean), email).toHaveLength(1);
      if (!linkWon) expect(viaLink.headers().location).toContain("error=INVALID_TOKEN");
      if (!codeWon) expect(viaCode.status()).toBe(400);
      expect(await sessionsFor(email)).toBe(before + 1);
      expect(await usersWithEmail(email)).toHaveLength(1);
    }
  });

  test("links and codes share the address's email limit: 3 per 10 minutes, whichever endpoint asks", async ({
    request,
  }) => {
    const email = uniqueEmail("shared-limit");
    const sendCode = () =>
      request.post("/api/auth/email-otp/send-verification-otp", {
        data: { email, type: "sign-in" },
        headers: { "x-real-ip": randomClientIp() },
      });
    const sendLink = () =>
      request.post("/api/auth/sign-in/magic-link", { data: { email }, headers: { "x-real-ip": randomClientIp() } });
    const statuses = [];
    for (const send of [sendLink, sendCode, sendLink, sendCode]) statuses.push((await send()).status());
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await mailboxFor(request, email)).toHaveLength(3);
  });
});

test.describe("codes only, sign-up closed (EMAIL_SIGN_IN=code, AUTH_DISABLE_SIGN_UP=true)", () => {
  const port = TEST_PORTS.signUpDisabled;

  test("a member's email holds a code and no link, and the code signs in", async ({ request }) => {
    const email = uniqueEmail("member");
    await addMember(email);
    await requestEmail(request, email, port);
    const [message] = await mailboxFor(request, email, port);
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).toContain("Type this code where you started to sign in.");
    expect(message.text).not.toMatch(/https?:\/\//);
    // No link to follow: the only address in it is the support mailto (and the logo, an image).
    expect(message.html).not.toMatch(/<a [^>]*href="https?:/);
    expect(await magicLinkRowsFor(email, "signUpDisabled")).toBe(0);
    const response = await signInWithCode(request, email, await latestCode(request, email, port), port);
    expect(response.status()).toBe(200);
    expect((await response.json()).user.email).toBe(email);
  });

  test("an unknown address gets the same answers, an email without a code, and no account", async ({ request }) => {
    const email = uniqueEmail("stranger");
    await requestEmail(request, email, port);
    const sent = await request.post(`${baseURL(port)}/api/auth/email-otp/send-verification-otp`, {
      data: { email, type: "sign-in" },
      headers: { origin: baseURL(port) },
    });
    expect(await sent.json()).toEqual({ success: true });
    const inbox = await mailboxFor(request, email, port);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].text).toContain("there is no account for it and new accounts are closed");
    expect(inbox[0].text).not.toMatch(/\b\d{6}\b/);
    const guess = await signInWithCode(request, email, "123456", port);
    expect(guess.status()).toBe(400);
    expect((await guess.json()).code).toBe("INVALID_OTP");
    expect(await usersWithEmail(email, "signUpDisabled")).toHaveLength(0);
  });
});

test.describe("links only (EMAIL_SIGN_IN=link)", () => {
  const port = TEST_PORTS.linkOnly;

  test("the email holds the link and no code; the code endpoints do not exist", async ({ request }) => {
    const email = uniqueEmail("link-only");
    const link = await requestLink(request, email, {}, port);
    const [message] = await mailboxFor(request, email, port);
    expect(message.text).not.toMatch(/\b\d{6}\b/);
    for (const [path, data] of [
      ["/api/auth/email-otp/send-verification-otp", { email, type: "sign-in" }],
      ["/api/auth/sign-in/email-otp", { email, otp: "123456" }],
    ] as const) {
      const response = await request.post(`${baseURL(port)}${path}`, { data, headers: { origin: baseURL(port) } });
      expect(response.status(), path).toBe(404);
    }
    expect(await mailboxFor(request, email, port)).toHaveLength(1);
    const signedIn = await request.get(verifyUrl(link).toString(), { maxRedirects: 0 });
    expect(signedIn.headers().location).toBe(`${baseURL(port)}/dashboard`);
  });
});

/** The check-email screen after asking for an email in the browser. */
async function askForEmail(page: Page, email: string, origin = baseURL()) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: /^Email me a sign-in/ }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

const codeField = (page: Page) => page.getByLabel("Or enter the code from the email");

async function newDevice(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  return context.newPage();
}

test.describe("entering the code in the browser", () => {
  test("typed digit by digit in the same tab, it signs in by itself on the sixth digit", async ({ page, request }) => {
    const email = uniqueEmail("typed");
    await askForEmail(page, email);
    const field = codeField(page);
    await expect(field).toHaveAttribute("autocomplete", "one-time-code");
    await expect(field).toHaveAttribute("inputmode", "numeric");
    await field.click();
    await page.keyboard.type(await latestCode(request, email), { delay: 30 });
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  for (const [name, format] of [
    ['"123 456"', (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`],
    ['"123-456"', (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`],
  ] as const) {
    test(`pasted as ${name}, it signs in by itself`, async ({ page, request }) => {
      const email = uniqueEmail("pasted");
      await askForEmail(page, email);
      await codeField(page).fill(format(await latestCode(request, email)));
      await expect(page.getByTestId("user-email")).toHaveText(email);
    });
  }

  test("each wrong code says so and how many tries are left; the last one says the code no longer works, with the button there", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("wrong-ui");
    await askForEmail(page, email);
    const code = await latestCode(request, email);
    const field = codeField(page);
    await field.fill("12a");
    await page.getByRole("button", { name: "Sign in with the code" }).click();
    await expect(field).toHaveAccessibleDescription("Enter the 6-digit code from the email.");
    await expect(field).toBeFocused();
    await field.fill(wrongCode(code, [0]));
    await expect(field).toHaveAccessibleDescription("That code is not right. 2 tries left.");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toBeFocused();
    await field.fill(wrongCode(code, [1]));
    await expect(field).toHaveAccessibleDescription("That code is not right. 1 try left.");
    await field.fill(wrongCode(code, [2]));
    await expect(field).toHaveAccessibleDescription(
      "That code is not right, and that was the last try: this code no longer works. Send a new email to get a new code.",
    );
    await field.fill(code);
    await expect(field).toHaveAccessibleDescription(
      "Too many wrong tries: this code no longer works. Send a new email to get a new code.",
    );
    await expect(page).toHaveURL(/\/sign-in$/);
    const resend = page.getByRole("button", { name: /^Send again/ });
    await expect(resend).toBeVisible();
    await page.clock.install();
    await page.clock.fastForward(31_000);
    await resend.click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "We sent a new email. Only the newest link and code work.",
    );
    await expect(codeField(page)).toHaveValue("");
    await codeField(page).fill(await latestCode(request, email));
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("across devices: the link opened elsewhere and the code typed here at the same moment, exactly one wins", async ({
    page,
    browser,
    request,
  }) => {
    const email = uniqueEmail("two-devices");
    await askForEmail(page, email);
    const code = await latestCode(request, email);
    const phone = await newDevice(browser);
    await phone.goto((await latestLink(request, email)).toString());
    const field = codeField(page);
    await field.click();
    await page.keyboard.type(code.slice(0, 5));
    await Promise.all([phone.getByRole("button", { name: "Continue" }).click(), page.keyboard.press(code[5])]);

    const here = page.getByTestId("user-email").or(page.getByText("This code no longer works."));
    const there = phone.getByTestId("user-email").or(phone.getByRole("main").getByRole("alert"));
    await expect(here).toBeVisible();
    await expect(there).toBeVisible();
    const winners = [await page.getByTestId("user-email").isVisible(), await phone.getByTestId("user-email").isVisible()];
    expect(winners.filter(Boolean)).toHaveLength(1);
    expect(await sessionsFor(email)).toBe(1);
    await phone.context().close();
  });

  test("codes only: the check-email screen is just the code entry", async ({ page, request }) => {
    const port = TEST_PORTS.signUpDisabled;
    const email = uniqueEmail("code-only-ui");
    await addMember(email);
    await askForEmail(page, email, baseURL(port));
    await expect(page.getByText("We sent a sign-in code to")).toBeVisible();
    await expect(page.getByRole("main").getByText(/link/i)).toHaveCount(0);
    await page.getByLabel("Enter the code from the email").fill(await latestCode(request, email, port));
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("links only: the check-email screen has no code entry", async ({ page }) => {
    await askForEmail(page, uniqueEmail("link-only-ui"), baseURL(TEST_PORTS.linkOnly));
    await expect(page.getByText("We sent a sign-in link to")).toBeVisible();
    await expect(page.getByRole("textbox")).toHaveCount(0);
  });
});
