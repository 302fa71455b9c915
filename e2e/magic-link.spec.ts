import type { APIRequestContext } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL, CLOSED_SERVER_MEMBER, TEST_PORTS } from "./config";
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

test.describe("the link's email", () => {
  test("goes to the address as typed, found by the mailbox in any case", async ({ request }) => {
    const email = uniqueEmail("Mixed.Case");
    await requestLink(request, email);
    expect(await mailboxFor(request, email.toLowerCase())).toHaveLength(1);
    expect((await latestLink(request, email.toUpperCase())).searchParams.get("token")).toBeTruthy();
  });
});
