import { createHash } from "node:crypto";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { signInOverHttp } from "./accounts";
import { confirm, latestLink, requestLink, setCookieOf, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * Who may see and change what in the account area: signed out, nothing; another user's sessions, events and
 * delete link, never. And sessions themselves: a new one for every sign-in, gone everywhere once signed out.
 */

const origin = { origin: baseURL() };

test.describe("signed out", () => {
  test("every account page redirects to sign-in and comes back there", async ({ page }) => {
    for (const path of ["/account", "/account/security", "/account/sessions", "/account/activity"]) {
      await page.goto(path);
      await expect(page).toHaveURL(`/sign-in?callbackURL=${encodeURIComponent(path)}`);
    }
  });

  test("every account endpoint answers 401", async ({ request }) => {
    expect((await request.get("/api/auth/account/sessions")).status()).toBe(401);
    expect((await request.get("/api/auth/account/password")).status()).toBe(401);
    for (const [path, data] of [
      ["/api/auth/account/revoke-session", { id: "x" }],
      ["/api/auth/account/set-password", { newPassword: "correct horse battery" }],
      ["/api/auth/update-user", { name: "Mallory" }],
      ["/api/auth/change-password", { currentPassword: "a".repeat(8), newPassword: "b".repeat(8) }],
      ["/api/auth/revoke-other-sessions", {}],
    ] as const) {
      const response = await request.post(path, { data, headers: origin });
      expect(response.status(), path).toBe(401);
    }
  });
});

test.describe("one user and another", () => {
  test("never sees or revokes the other's sessions or events, even with their ids", async ({ playwright }) => {
    const aliceIp = randomClientIp();
    const [alice, mallory] = await Promise.all(
      [aliceIp, randomClientIp()].map((ip) => playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": ip } })),
    );
    try {
      await signInOverHttp(alice, uniqueEmail("alice"));
      await signInOverHttp(mallory, uniqueEmail("mallory"));
      const [aliceSession] = (await (await alice.get("/api/auth/account/sessions")).json()) as { id: string }[];
      const mallorySessions = (await (await mallory.get("/api/auth/account/sessions")).json()) as { id: string }[];
      expect(mallorySessions.map((session) => session.id)).not.toContain(aliceSession.id);
      expect(JSON.stringify(mallorySessions)).not.toMatch(/token/i);

      const revoke = await mallory.post("/api/auth/account/revoke-session", { data: { id: aliceSession.id }, headers: origin });
      expect(revoke.status()).toBe(404);
      expect((await alice.get("/api/auth/account/sessions")).status()).toBe(200);

      // Alice's events carry her address; Mallory's page, asked for hers by id, shows none of them.
      expect(await (await alice.get("/account/activity")).text()).toContain(`data-testid="ip-address">${aliceIp}<`);
      const activity = await mallory.get(`/account/activity?userId=${encodeURIComponent(aliceSession.id)}`);
      expect(activity.status()).toBe(200);
      expect(await activity.text()).not.toContain(aliceIp);
    } finally {
      await alice.dispose();
      await mallory.dispose();
    }
  });

  test("another account's delete link deletes nothing", async ({ playwright }) => {
    const [alice, mallory] = await Promise.all(
      [0, 1].map(() => playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } })),
    );
    try {
      const aliceEmail = uniqueEmail("alice-delete");
      await signInOverHttp(alice, aliceEmail);
      await signInOverHttp(mallory, uniqueEmail("mallory-delete"));
      expect((await alice.post("/api/auth/delete-user", { data: {}, headers: origin })).status()).toBe(200);
      const token = (await latestLink(alice, aliceEmail, undefined, "/account/delete")).searchParams.get("token")!;
      const stolen = await mallory.post("/api/auth/delete-user", { data: { token }, headers: origin });
      expect(stolen.status()).toBe(404);
      expect(await (await mallory.get(`/account/delete?token=${token}`)).text()).toContain("This link can&#x27;t be used");
      expect(await usersWithEmail(aliceEmail)).toHaveLength(1);
    } finally {
      await alice.dispose();
      await mallory.dispose();
    }
  });
});

test.describe("sessions", () => {
  test("every sign-in gets a new session token; sign-out ends it on the server", async ({ request, playwright }) => {
    const email = uniqueEmail("tokens");
    const first = setCookieOf(await confirm(request, await requestLink(request, email)))[0].split(";")[0];
    const second = setCookieOf(await confirm(request, await requestLink(request, email)))[0].split(";")[0];
    expect(first).not.toBe(second);
    const other = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const signOut = await other.post("/api/auth/sign-out", { data: {}, headers: { cookie: second, origin: baseURL() } });
    expect(signOut.status()).toBe(200);
    expect(await (await other.get("/api/auth/get-session", { headers: { cookie: second } })).json()).toBeNull();
    expect((await (await other.get("/api/auth/get-session", { headers: { cookie: first } })).json()).user.email).toBe(
      email,
    );
  });

  test("the browser that signs out loses its cached session at once", async ({ playwright }) => {
    const browser = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const email = uniqueEmail("cached");
    await confirm(browser, await requestLink(browser, email));
    expect((await (await browser.get("/api/auth/get-session")).json()).user.email).toBe(email);
    const signOut = await browser.post("/api/auth/sign-out", { data: {}, headers: { origin: baseURL() } });
    expect(signOut.status()).toBe(200);
    expect(await (await browser.get("/api/auth/get-session")).json()).toBeNull();
  });

  test("reads are not limited: 150 get-session requests from one client all answer, and count nowhere", async ({
    request,
  }) => {
    const ip = randomClientIp();
    const statuses = [];
    for (let start = 0; start < 150; start += 30) {
      const batch = await Promise.all(
        Array.from({ length: 30 }, () => request.get("/api/auth/get-session", { headers: { "x-real-ip": ip } })),
      );
      statuses.push(...batch.map((response) => response.status()));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // Without Redis, per-IP counters are rows of address_rate_limit keyed by a hash of "client:" + ip + "|" + path
    // (lib/rate-limit.ts). One limited request from the same client shows where a count would be.
    await request.post("/api/auth/sign-in/email", {
      data: { email: "nobody@example.com", password: "not-the-password" },
      headers: { "x-real-ip": ip },
    });
    const counted = async (path: string) => {
      const key = createHash("sha256").update(`client:${ip}|${path}`).digest("base64url");
      const db = testDatabase();
      const { rows } = await db.execute({ sql: "SELECT count FROM address_rate_limit WHERE key = ?", args: [key] });
      db.close();
      return rows.map((row) => Number(row.count));
    };
    expect(await counted("/sign-in/email")).toEqual([1]);
    expect(await counted("/get-session")).toEqual([]);
  });
});
