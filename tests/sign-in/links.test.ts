import { createHash } from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail, verifyUrl } from "../support/auth-server";

/** Sign-in links: sending one, opening it (once, before it expires), and where it leads. */

const app = await startAuthServer();

const storedIdentifier = (token: string) => `magic-link:${createHash("sha256").update(token).digest("base64url")}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("sending a link", () => {
  test("answers {status:true} and delivers one email holding the link, its lifetime and a plain-text part", async () => {
    const email = uniqueEmail();
    const response = await app.device().post("/sign-in/magic-link", { email, callbackURL: "/dashboard" });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: true });
    const inbox = await app.mailbox(email);
    expect(inbox).toHaveLength(1);
    const link = await app.latestLink(email);
    expect(inbox[0].subject).toBe("Sign in to Acme");
    expect(inbox[0].html).toContain(link.toString().replaceAll("&", "&amp;"));
    expect(inbox[0].text).toContain(link.toString());
    expect(inbox[0].text).toContain("expires in 5 minutes");
    expect(link.origin).toBe(APP_ORIGIN);
    expect(link.pathname).toBe("/sign-in/confirm");
    expect(link.searchParams.get("token")).toMatch(/^[A-Za-z]{32}-[0-9a-z]+$/);
    expect(link.searchParams.get("callbackURL")).toBe("/dashboard");
  });

  test("rejects a malformed address with 400 and sends nothing", async () => {
    const response = await app.device().post("/sign-in/magic-link", { email: "not-an-email" });
    expect(response.status).toBe(400);
    expect(await app.mailbox("not-an-email")).toHaveLength(0);
  });

  test("answers identically for an existing address and an unknown one", async () => {
    const existing = uniqueEmail("exists");
    await app.signedIn(existing);
    // As a signed-out browser asks: no cookie, its Origin.
    const ask = async (email: string) => {
      const response = await app.device().post("/sign-in/magic-link", { email, callbackURL: "/dashboard" });
      const headers = [...response.headers.keys()].sort();
      return { status: response.status, body: await response.text(), headers };
    };
    const known = await ask(existing);
    expect(known).toMatchObject({ status: 200, body: '{"status":true}' });
    expect(await ask(uniqueEmail("unknown"))).toEqual(known);
  });

  test("goes to the address as typed, found by the mailbox in any case", async () => {
    const email = uniqueEmail("Mixed.Case");
    await app.requestLink(email);
    expect(await app.mailbox(email.toLowerCase())).toHaveLength(1);
    expect((await app.latestLink(email.toUpperCase())).searchParams.get("token")).toBeTruthy();
  });
});

describe("a link's token", () => {
  test("is stored only as a SHA-256 hash, carries over 128 bits, and lives 300 s", async () => {
    const email = uniqueEmail("hashed");
    const token = (await app.requestLink(email)).searchParams.get("token")!;
    // 32 letters from a 52-letter alphabet: 32 × log2(52) ≈ 182 bits; then when the link expires.
    expect(token).toMatch(/^[A-Za-z]{32}-[0-9a-z]+$/);
    expect(32 * Math.log2(52)).toBeGreaterThan(128);
    const rows = await app.db.verification.findMany({ where: { value: { contains: email } } });
    expect(rows).toHaveLength(1);
    expect(rows[0].identifier).toBe(storedIdentifier(token));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(Math.round((rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()) / 1000)).toBe(300);
  });
});

describe("opening a link", () => {
  test("creates the account on first use, sets the session cookie and redirects to callbackURL", async () => {
    const email = uniqueEmail("new");
    const browser = app.device();
    const response = await browser.openLink(await app.requestLink(email));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
    const cookie = response.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const session = await browser.session();
    expect(session?.user.email).toBe(email);
    expect(session?.user.emailVerified).toBe(true);
  });

  test("sends a new user to newUserCallbackURL and a returning one to callbackURL", async () => {
    const email = uniqueEmail("returning");
    const browser = app.device();
    const first = await app.requestLink(email, { newUserCallbackURL: "/welcome" });
    expect((await browser.openLink(first)).headers.get("location")).toBe(`${APP_ORIGIN}/welcome`);
    const second = await app.requestLink(email, { newUserCallbackURL: "/welcome" });
    expect((await browser.openLink(second)).headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
  });

  test("works once: opening it again redirects with error=INVALID_TOKEN and signs nobody in", async () => {
    const link = await app.requestLink(uniqueEmail("reuse"), { errorCallbackURL: "/sign-in" });
    expect((await app.device().openLink(link)).status).toBe(302);
    const attacker = app.device();
    const again = await attacker.openLink(link);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?error=INVALID_TOKEN`);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(await attacker.session()).toBeNull();
  });

  test("expires: once its lifetime has passed it redirects with error=INVALID_TOKEN", async () => {
    const browser = app.device();
    const link = await app.requestLink(uniqueEmail("expired"), { errorCallbackURL: "/sign-in" });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    const response = await browser.openLink(link);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?error=INVALID_TOKEN`);
    expect(await browser.session()).toBeNull();
  });

  test("an unknown token redirects with error=INVALID_TOKEN (to callbackURL when no errorCallbackURL)", async () => {
    const response = await app.device().get("/magic-link/verify?token=nosuchtoken&callbackURL=/dashboard");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard?error=INVALID_TOKEN`);
  });

  test("a HEAD request to the API's verify URL does not consume it", async () => {
    const email = uniqueEmail("head");
    const browser = app.device();
    const link = await app.requestLink(email);
    const head = await browser.head(verifyUrl(link));
    expect(head.headers.getSetCookie()).toEqual([]);
    expect(await app.linkRowsFor(email)).toBe(1);
    const response = await browser.openLink(link);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
    expect((await browser.session())?.user.email).toBe(email);
  });

  test("signs an account made with a password into that same user row", async () => {
    const email = uniqueEmail("password-first");
    const browser = app.device();
    const signUp = await browser.post("/sign-up/email", { email, password: "correct horse battery", name: "Pat" });
    expect(signUp.status).toBe(200);
    const account = await app.userByEmail(email);
    await browser.openLink(await app.requestLink(email));
    expect((await browser.session())?.user.id).toBe(account!.id);
    expect(await app.db.user.count({ where: { email } })).toBe(1);
  });
});

describe("the official better-auth client, unchanged", () => {
  test("signIn.magicLink sends the link and magicLink.verify signs in; a used token redirects with INVALID_TOKEN", async () => {
    const { client } = app.device();
    const email = uniqueEmail("client");
    const sent = await client.signIn.magicLink({ email, callbackURL: "/dashboard" });
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ status: true });

    const token = (await app.latestLink(email)).searchParams.get("token")!;
    let setCookie = "";
    const verified = await client.magicLink.verify({
      query: { token },
      fetchOptions: { onResponse: ({ response }) => void (setCookie = response.headers.get("set-cookie") ?? "") },
    });
    expect(verified.error).toBeNull();
    expect(verified.data?.user.email).toBe(email);
    expect(setCookie).toMatch(/better-auth\.session_token=/);
    expect((await client.getSession()).data?.user.email).toBe(email);

    // A used token is refused the way the protocol refuses it: a redirect carrying error=INVALID_TOKEN.
    const other = app.device().client;
    let landedOn = "";
    const reused = await other.magicLink.verify({
      query: { token },
      fetchOptions: { redirect: "manual", onResponse: ({ response }) => void (landedOn = response.headers.get("location") ?? "") },
    });
    expect(landedOn).toBe(`${APP_ORIGIN}/?error=INVALID_TOKEN`);
    expect(reused.data).toBeNull();
  });
});
