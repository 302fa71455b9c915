import { afterEach, describe, expect, test, vi } from "vitest";
import { startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * Sessions: a new token for every sign-in, sign-out that ends the session on the server, and the signed cookie
 * cache (SESSION_CACHE_SECONDS, 30 s by default) that lets a browser skip the database for that long.
 */

const app = await startAuthServer();

const TOKEN_COOKIE = "better-auth.session_token";

afterEach(() => {
  vi.useRealTimers();
});

describe("signing in", () => {
  test("every sign-in gets a new session token", async () => {
    const email = uniqueEmail("tokens");
    const [first, second] = [await app.signedIn(email), await app.signedIn(email)];
    expect(first.cookies.get(TOKEN_COOKIE)).toBeTruthy();
    expect(first.cookies.get(TOKEN_COOKIE)).not.toBe(second.cookies.get(TOKEN_COOKIE));
    expect(await app.sessionsOf(email)).toBe(2);
  });
});

describe("signing out", () => {
  test("ends that session on the server; the account's other sessions go on", async () => {
    const email = uniqueEmail("sign-out");
    const [first, second] = [await app.signedIn(email), await app.signedIn(email)];
    // Another client replaying the second browser's token, without its cached copy.
    const replay = app.device();
    replay.cookies.set(TOKEN_COOKIE, second.cookies.get(TOKEN_COOKIE)!);
    expect((await second.post("/sign-out", {})).status).toBe(200);
    expect(await replay.session()).toBeNull();
    expect((await first.session())?.user.email).toBe(email);
    expect(await app.sessionsOf(email)).toBe(1);
  });

  test("the browser that signs out loses its cached session at once", async () => {
    const email = uniqueEmail("cached");
    const browser = await app.signedIn(email);
    expect(browser.cookies.has("better-auth.session_data")).toBe(true);
    expect((await browser.session())?.user.email).toBe(email);
    expect((await browser.post("/sign-out", {})).status).toBe(200);
    expect(browser.cookies.size).toBe(0);
    expect(await browser.session()).toBeNull();
  });

  test("through the official client", async () => {
    const browser = await app.signedIn();
    const { data, error } = await browser.client.signOut();
    expect(error).toBeNull();
    expect(data).toEqual({ success: true });
    expect((await browser.client.getSession()).data).toBeNull();
  });
});

describe("a session ended elsewhere", () => {
  test("still reads as signed in from its cached cookie for at most SESSION_CACHE_SECONDS, then not", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const email = uniqueEmail("ended-elsewhere");
    const browser = await app.signedIn(email);
    // Signed out from another device holding the same token (its cached copy aside).
    const elsewhere = app.device();
    elsewhere.cookies.set(TOKEN_COOKIE, browser.cookies.get(TOKEN_COOKIE)!);
    await elsewhere.post("/sign-out", {});
    expect(await app.sessionsOf(email)).toBe(0);
    expect((await browser.session())?.user.email).toBe(email);
    vi.advanceTimersByTime((app.env.SESSION_CACHE_SECONDS + 1) * 1000);
    expect(await browser.session()).toBeNull();
  });
});

describe("listing sessions", () => {
  test("better-auth's /list-sessions, as the official client calls it, lists every session without its token", async () => {
    const email = uniqueEmail("list-sessions");
    const [first, second] = [await app.signedIn(email), await app.signedIn(email)];
    const { data, error } = await second.client.listSessions();
    expect(error).toBeNull();
    expect(data).toHaveLength(2);
    for (const session of data!) {
      expect(session).not.toHaveProperty("token");
      expect(session).toMatchObject({ id: expect.any(String), userId: expect.any(String), ipAddress: expect.any(String) });
    }
    const raw = await (await first.get("/list-sessions")).text();
    for (const token of [first.cookies.get(TOKEN_COOKIE)!, second.cookies.get(TOKEN_COOKIE)!]) {
      expect(raw).not.toContain(token.split(".")[0]);
    }
  });

  test("without a session: 401, nothing listed", async () => {
    const response = await app.device().get("/list-sessions");
    expect(response.status).toBe(401);
  });
});
