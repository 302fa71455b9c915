import { afterEach, describe, expect, test, vi } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail, verifyUrl } from "../support/auth-server";

/**
 * The confirmation page's Continue button (POST /api/auth/magic-link/confirm, lib/auth/confirm.ts): an emailed
 * link opens a page that uses nothing; only a POST from one of this app's pages uses the link, with the API's
 * own checks and answers, as a 303 the browser follows.
 */

const app = await startAuthServer();

afterEach(() => {
  vi.useRealTimers();
});

describe("only this app's pages can use a link", () => {
  test("a cross-site POST is refused with 403; the link stays usable", async () => {
    const email = uniqueEmail("cross-site-confirm");
    const link = await app.requestLink(email);
    const crossSite = await app.device().confirm(link, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(await json(crossSite)).toEqual({
      code: "CROSS_SITE_REQUEST",
      message: "Open the sign-in link from your email to continue.",
    });
    // An older browser without Sec-Fetch-Site: its Origin decides.
    const foreignOrigin = await app.device().confirm(link, { "sec-fetch-site": null, origin: "https://evil.example" });
    expect(foreignOrigin.status).toBe(403);
    expect(foreignOrigin.headers.getSetCookie()).toEqual([]);
    expect(await app.linkRowsFor(email)).toBe(1);
    expect((await app.device().confirm(link)).status).toBe(303);
  });

  test("a sibling site, a typed address and a request with neither header are refused too", async () => {
    const link = await app.requestLink(uniqueEmail("not-same-origin"));
    const refused: Record<string, string | null>[] = [
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "none" },
      { "sec-fetch-site": null, origin: null },
    ];
    for (const headers of refused) {
      expect((await app.device().confirm(link, headers)).status, JSON.stringify(headers)).toBe(403);
    }
  });

  test("an older browser on this app's page (no Sec-Fetch-Site, its own Origin) signs in", async () => {
    const email = uniqueEmail("origin-only");
    const response = await app.device().confirm(await app.requestLink(email), { "sec-fetch-site": null });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
  });
});

describe("the answer is a 303 the browser follows", () => {
  test("to callbackURL, with the session cookie", async () => {
    const email = uniqueEmail("continue");
    const browser = app.device();
    const response = await browser.confirm(await app.requestLink(email));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
    expect(response.headers.getSetCookie()[0]).toMatch(/^better-auth\.session_token=/);
    expect((await browser.session())?.user.email).toBe(email);
  });

  test("to the home page when the link has no callbackURL", async () => {
    const email = uniqueEmail("no-callback");
    await app.device().post("/sign-in/magic-link", { email });
    const response = await app.device().confirm(await app.latestLink(email));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/`);
  });

  test("without a token: back to sign-in with INVALID_TOKEN", async () => {
    const response = await app.device().post("/magic-link/confirm", { callbackURL: "/dashboard" }, {
      form: true,
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?error=INVALID_TOKEN`);
  });

  test("a used link: to errorCallbackURL with INVALID_TOKEN", async () => {
    const link = await app.requestLink(uniqueEmail("used"), { errorCallbackURL: "/sign-in" });
    await app.device().confirm(link);
    const again = await app.device().confirm(link);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?error=INVALID_TOKEN`);
    expect(again.headers.getSetCookie()).toEqual([]);
  });
});

describe("an expired link says it expired", () => {
  test("its row past its time: to errorCallbackURL with EXPIRED_TOKEN", async () => {
    const link = await app.requestLink(uniqueEmail("expired"), { errorCallbackURL: "/sign-in" });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    const response = await app.device().confirm(link);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?error=EXPIRED_TOKEN`);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("its row already cleaned away: the token itself tells (to callbackURL without an errorCallbackURL)", async () => {
    const email = uniqueEmail("expired-gone");
    const link = await app.requestLink(email);
    await app.db.verification.deleteMany({ where: { value: { contains: `"email":"${email}"` } } });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    const response = await app.device().confirm(link);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard?error=EXPIRED_TOKEN`);
  });

  test("the same link through the API's GET says only INVALID_TOKEN, as the protocol does", async () => {
    const link = await app.requestLink(uniqueEmail("expired-api"), { errorCallbackURL: "/sign-in" });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    expect((await app.device().get(verifyUrl(link))).headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?error=INVALID_TOKEN`);
  });

  test("a hostile errorCallbackURL on an expired link is refused, not followed", async () => {
    const link = await app.requestLink(uniqueEmail("expired-hostile"));
    link.searchParams.set("errorCallbackURL", "//evil.com");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    const response = await app.device().confirm(link);
    expect(response.status).toBe(403);
    expect(response.headers.get("location")).toBeNull();
  });
});

describe("garbage tokens", () => {
  const garbage = [
    "",
    "a",
    "x".repeat(2_000),
    "' OR '1'='1",
    "'; DROP TABLE verification; --",
    "%00%00",
    "\u0000",
    "ŧøķêñ✓",
    "😀".repeat(64),
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "abcdefghijklmnopqrstuvwxyzABCDEF-zzzzzzzzzz",
    "abcdefghijklmnopqrstuvwxyzABCDEF-0",
  ];

  test("on the Continue button and the API's verify: a clean refusal, never a server error or a session", async () => {
    for (const token of garbage) {
      const query = new URLSearchParams({ token, callbackURL: "/dashboard" });
      for (const response of [
        await app.device().confirm(new URL(`${APP_ORIGIN}/sign-in/confirm?${query}`)),
        await app.device().get(`/magic-link/verify?${query}`),
      ]) {
        expect([302, 303, 400], JSON.stringify(token).slice(0, 40)).toContain(response.status);
        expect(response.headers.getSetCookie()).toEqual([]);
      }
    }
  });
});
