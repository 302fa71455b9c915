import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from "@playwright/test";
import { Redis } from "ioredis";
import pg from "pg";
import {
  E2E_ADMINS,
  INSTANCE_SETUPS,
  type InstanceSetup,
  INSTANCES_REDIS_KEY_PREFIX,
  INSTANCES_SESSION_CACHE_SECONDS,
  instancesOrigin,
  OUTSIDE_WORLD,
  SERVER_LOG_FILE,
  testPostgresUrl,
  testRedisUrl,
} from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import { confirm, setCookieOf, uniqueEmail } from "./helpers";

/**
 * Many instances, one truth: two production servers on one PostgreSQL database behind a round-robin proxy
 * (e2e/load-balancer.ts), once on PostgreSQL alone and once with Redis beside it. Whatever instance a request
 * lands on, a link works once, limits count every request, a signed-out session is gone everywhere, and a
 * dependency that goes away costs a 503, never a 500 or a hang. Also what operators rely on there: GET /api/health
 * (attacked, flooded, with a dependency gone) and the structured log.
 */

type Playwright = PlaywrightWorkerArgs["playwright"];

/** What the per-IP limit allows per minute (MAGIC_LINK_RATE_LIMIT's default) and the per-address one per 10 min. */
const PER_IP_LIMIT = 30;
const PER_ADDRESS_LIMIT = 3;
const UNAVAILABLE = { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Try again in a moment." };
/** The longest a request may take with a dependency gone: what a client or load balancer would wait. */
const BOUNDED_MS = 10_000;

for (const setup of Object.keys(INSTANCE_SETUPS) as InstanceSetup[]) {
  const { servers, database, databaseLink, redisLink } = INSTANCE_SETUPS[setup];
  const origin = instancesOrigin(setup);
  const healthy = { status: "ok", database: "ok", redis: redisLink ? "ok" : "off" };

  /** A client with an address of its own, through the proxy or straight to one instance (0 or 1). */
  const client = (playwright: Playwright, instance?: number, ip = randomClientIp()) =>
    playwright.request.newContext({
      baseURL: instance === undefined ? origin : `http://127.0.0.1:${servers[instance]}`,
      extraHTTPHeaders: { "x-real-ip": ip, origin },
    });

  const sendLink = (request: APIRequestContext, email: string, headers: Record<string, string> = {}) =>
    request.post("/api/auth/sign-in/magic-link", { data: { email, callbackURL: "/dashboard" }, headers });

  /** The newest email to an address (the pair keeps them in its dev mailbox): its link and its code. */
  async function latestEmail(request: APIRequestContext, email: string) {
    let text = "";
    await expect
      .poll(async () => {
        const [newest] = (await (await request.get(`/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as {
          text: string;
        }[];
        text = newest?.text ?? "";
        return text;
      })
      .toContain("/sign-in/confirm?token=");
    return { link: new URL(text.match(/https?:\/\/\S+\/sign-in\/confirm\S+/)![0]), code: text.match(/\b\d{6}\b/)![0] };
  }

  async function query<Row>(sql: string, params: unknown[] = []) {
    const db = new pg.Client({ connectionString: testPostgresUrl(database).toString() });
    await db.connect();
    try {
      return (await db.query(sql, params)).rows as Row[];
    } finally {
      await db.end();
    }
  }

  const sessionsOf = async (email: string) =>
    (await query<{ n: number }>(`SELECT count(*)::int AS n FROM session s JOIN "user" u ON s."userId" = u.id WHERE u.email = $1`, [email]))[0].n;

  /** The cookies a sign-in set, as a Cookie header: the session token and, unless asked not to, its cached copy. */
  const cookiesOf = (response: APIResponse, { cached = true } = {}) =>
    setCookieOf(response)
      .map((cookie) => cookie.split(";")[0])
      .filter((cookie) => cached || !cookie.includes("session_data"))
      .join("; ");

  async function signIn(playwright: Playwright, email: string, instance = 0) {
    const request = await client(playwright, instance);
    expect((await sendLink(request, email)).status()).toBe(200);
    const response = await confirm(request, (await latestEmail(request, email)).link);
    expect(setCookieOf(response).length).toBeGreaterThan(0);
    return response;
  }

  /** get-session on one instance with exactly these cookies: the signed-in address, or null. */
  async function sessionOn(playwright: Playwright, instance: number, cookie: string) {
    const probe = await client(playwright, instance);
    const response = await probe.get("/api/auth/get-session", { headers: { cookie } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { user: { email: string } } | null;
    await probe.dispose();
    return body?.user.email ?? null;
  }

  const instancesOf = (responses: APIResponse[]) => new Set(responses.map((response) => response.headers()["x-instance"]));

  test.describe(`many instances, one truth (${setup === "redis" ? "PostgreSQL and Redis" : "PostgreSQL"})`, () => {
    // One after another: the last tests cut this pair's database and Redis.
    test.describe.configure({ mode: "serial" });

    test("a link confirmed 50 times at once on both instances gives exactly one session", async ({ playwright }) => {
      const email = uniqueEmail("race-link");
      const request = await client(playwright);
      expect((await sendLink(request, email)).status()).toBe(200);
      const { link } = await latestEmail(request, email);
      // Fifty clients, each with its own address, so the per-IP limit is not what stops them.
      const clients = await Promise.all(Array.from({ length: 50 }, () => client(playwright)));
      const responses = await Promise.all(clients.map((racer) => confirm(racer, link)));
      expect(instancesOf(responses)).toEqual(new Set(["0", "1"]));
      const signedIn = responses.filter((response) => setCookieOf(response).length > 0);
      expect(signedIn).toHaveLength(1);
      expect(signedIn[0].headers().location).toBe(`${origin}/dashboard`);
      for (const failure of responses.filter((response) => setCookieOf(response).length === 0)) {
        expect(failure.status()).toBe(303);
        expect(failure.headers().location).toContain("error=INVALID_TOKEN");
      }
      expect(await sessionsOf(email)).toBe(1);
    });

    test("an email's link and code used 50 times at once on both instances give exactly one session", async ({
      playwright,
    }) => {
      const email = uniqueEmail("race-both");
      const request = await client(playwright);
      expect((await sendLink(request, email)).status()).toBe(200);
      const { link, code } = await latestEmail(request, email);
      const clients = await Promise.all(Array.from({ length: 50 }, () => client(playwright)));
      const responses = await Promise.all(
        clients.map((racer, index) =>
          index % 2 ? confirm(racer, link) : racer.post("/api/auth/sign-in/email-otp", { data: { email, otp: code } }),
        ),
      );
      expect(instancesOf(responses)).toEqual(new Set(["0", "1"]));
      expect(responses.filter((response) => response.status() >= 500)).toEqual([]);
      expect(responses.filter((response) => setCookieOf(response).some((cookie) => cookie.includes("session_token=")))).toHaveLength(1);
      expect(await sessionsOf(email)).toBe(1);
    });

    test("the per-IP limit counts requests to either instance together", async ({ playwright }) => {
      const ip = randomClientIp();
      const request = await client(playwright, undefined, ip);
      const label = `per-ip-${Date.now()}`;
      const responses: APIResponse[] = [];
      // 40 sends, 10 at a time: on separate limits each instance would take them all (20 each, under 30).
      for (let start = 0; start < 40; start += 10) {
        responses.push(
          ...(await Promise.all(Array.from({ length: 10 }, (_, offset) => sendLink(request, `${label}-${start + offset}@example.com`)))),
        );
      }
      const sent = responses.filter((response) => response.status() === 200);
      expect(sent).toHaveLength(PER_IP_LIMIT);
      expect(instancesOf(sent)).toEqual(new Set(["0", "1"]));
      const limited = responses.filter((response) => response.status() === 429);
      expect(limited).toHaveLength(40 - PER_IP_LIMIT);
      expect(Number(limited[0].headers()["retry-after"])).toBeGreaterThan(0);
    });

    test("the per-address limit counts sends to either instance together, whoever asks", async ({ playwright }) => {
      const email = uniqueEmail("per-address");
      const responses: APIResponse[] = [];
      for (let attempt = 0; attempt < 6; attempt++) responses.push(await sendLink(await client(playwright), email));
      expect(instancesOf(responses)).toEqual(new Set(["0", "1"]));
      expect(responses.map((response) => response.status())).toEqual([
        ...Array(PER_ADDRESS_LIMIT).fill(200),
        ...Array(6 - PER_ADDRESS_LIMIT).fill(429),
      ]);
    });

    test("one live link per address when the two sends land on different instances", async ({ playwright }) => {
      const email = uniqueEmail("two-instances");
      const [first, second] = [await client(playwright, 0), await client(playwright, 1)];
      expect((await sendLink(first, email)).status()).toBe(200);
      const older = (await latestEmail(first, email)).link;
      expect((await sendLink(second, email)).status()).toBe(200);
      const newer = (await latestEmail(second, email)).link;
      expect((await confirm(second, older)).headers().location).toContain("error=INVALID_TOKEN");
      expect((await confirm(first, newer)).headers().location).toBe(`${origin}/dashboard`);

      // Two sends at the same instant, one on each: never two live links.
      const racing = uniqueEmail("two-at-once");
      const statuses = await Promise.all([sendLink(first, racing), sendLink(second, racing)]);
      expect(statuses.map((response) => response.status())).toEqual([200, 200]);
      const [{ n: live }] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM verification WHERE identifier LIKE 'magic-link:%' AND value LIKE $1`,
        [`%${racing}%`],
      );
      expect(live).toBeLessThanOrEqual(1);
    });

    test(`signed out on one instance: refused by the other at once without the cached copy, within ${INSTANCES_SESSION_CACHE_SECONDS} s with it`, async ({
      playwright,
    }) => {
      const email = uniqueEmail("sign-out-elsewhere");
      const response = await signIn(playwright, email, 0);
      // The cached copy was made before the sign-in answered: it expires before this moment plus the window.
      const signedInAt = Date.now();
      const [full, tokenOnly] = [cookiesOf(response), cookiesOf(response, { cached: false })];
      expect(await sessionOn(playwright, 1, full)).toBe(email);
      expect(await sessionOn(playwright, 1, tokenOnly)).toBe(email);

      const signOut = await (await client(playwright, 0)).post("/api/auth/sign-out", { data: {}, headers: { cookie: tokenOnly } });
      expect(signOut.status()).toBe(200);
      expect(await sessionOn(playwright, 1, tokenOnly)).toBeNull();
      // The account area never trusts the cached copy.
      const account = await (await client(playwright, 1)).get("/api/auth/account/password", { headers: { cookie: full } });
      expect(account.status()).toBe(401);
      // The cached copy works until SESSION_CACHE_SECONDS after it was made, and no later.
      await new Promise((resolve) => setTimeout(resolve, signedInAt + INSTANCES_SESSION_CACHE_SECONDS * 1000 + 500 - Date.now()));
      expect(await sessionOn(playwright, 1, full)).toBeNull();
      expect(await sessionsOf(email)).toBe(0);
    });

    test(`suspended by an admin on one instance: refused by the other at once without the cached copy, within ${INSTANCES_SESSION_CACHE_SECONDS} s with it`, async ({
      playwright,
    }) => {
      const email = uniqueEmail("suspended-elsewhere");
      const response = await signIn(playwright, email, 0);
      const signedInAt = Date.now();
      const [full, tokenOnly] = [cookiesOf(response), cookiesOf(response, { cached: false })];
      expect(await sessionOn(playwright, 0, full)).toBe(email);

      // An admin (listed in ADMIN_EMAILS, holding a passkey) suspends the account on the other instance.
      const admin = E2E_ADMINS[19];
      const adminCookies = cookiesOf(await signIn(playwright, admin, 1), { cached: false });
      const [{ id: adminId }] = await query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [admin]);
      await query(
        `INSERT INTO passkey (id, name, "publicKey", "userId", "credentialID", counter, "deviceType", "backedUp") VALUES ($1, 'Key', 'key', $2, $3, 0, 'singleDevice', false)`,
        [randomUUID(), adminId, randomUUID()],
      );
      const [{ id: userId }] = await query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [email]);
      const banned = await (await client(playwright, 1)).post("/api/auth/admin/ban-user", { data: { userId }, headers: { cookie: adminCookies } });
      expect(banned.status()).toBe(200);

      expect(await sessionOn(playwright, 0, tokenOnly)).toBeNull();
      const account = await (await client(playwright, 0)).get("/api/auth/account/password", { headers: { cookie: full } });
      expect(account.status()).toBe(401);
      // The cached copy works until SESSION_CACHE_SECONDS after it was made, and no later.
      await new Promise((resolve) => setTimeout(resolve, signedInAt + INSTANCES_SESSION_CACHE_SECONDS * 1000 + 500 - Date.now()));
      expect(await sessionOn(playwright, 0, full)).toBeNull();
      expect(await sessionsOf(email)).toBe(0);
    });

    test("a session revoked from the account area of one instance is refused by the other", async ({ playwright }) => {
      const email = uniqueEmail("revoked-elsewhere");
      const laptop = await signIn(playwright, email, 0);
      const phone = await signIn(playwright, email, 1);
      const phoneSignedInAt = Date.now();
      const laptopCookies = cookiesOf(laptop, { cached: false });
      const account = await client(playwright, 1);
      const sessions = (await (await account.get("/api/auth/account/sessions", { headers: { cookie: laptopCookies } })).json()) as {
        id: string;
        current: boolean;
      }[];
      expect(sessions).toHaveLength(2);
      const other = sessions.find((session) => !session.current)!;
      const revoke = await account.post("/api/auth/account/revoke-session", { data: { id: other.id }, headers: { cookie: laptopCookies } });
      expect(revoke.status()).toBe(200);
      expect(await sessionOn(playwright, 0, cookiesOf(phone, { cached: false }))).toBeNull();
      await new Promise((resolve) =>
        setTimeout(resolve, phoneSignedInAt + INSTANCES_SESSION_CACHE_SECONDS * 1000 + 500 - Date.now()),
      );
      expect(await sessionOn(playwright, 0, cookiesOf(phone))).toBeNull();
      expect(await sessionOn(playwright, 0, laptopCookies)).toBe(email);
    });

    test("GET /api/health answers on both instances: fast, uncached, no secrets", async ({ playwright }) => {
      const request = await client(playwright);
      const responses = await Promise.all(Array.from({ length: 4 }, () => request.get("/api/health")));
      expect(instancesOf(responses)).toEqual(new Set(["0", "1"]));
      for (const response of responses) {
        expect(response.status()).toBe(200);
        expect(response.headers()["cache-control"]).toBe("no-store");
        expect(await response.json()).toEqual(healthy);
      }
    });

    test("GET /api/health attacked: other methods, odd queries, forged request ids get deliberate answers", async ({
      playwright,
    }) => {
      const request = await client(playwright);
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const response = await request.fetch("/api/health", { method, data: { status: "down" } });
        expect(response.status()).toBe(405);
        expect(response.headers().allow).toBe("GET, HEAD");
        expect(await response.json()).toEqual({ code: "METHOD_NOT_ALLOWED", message: "Use GET /api/health." });
      }
      expect((await request.head("/api/health")).status()).toBe(200);
      for (const query of ["?verbose=1", `?${"x".repeat(4000)}=1`, "?redis=down&database=down", "?%00%ff", "?<script>"]) {
        const response = await request.get(`/api/health${query}`);
        expect(response.status()).toBe(200);
        expect(await response.json()).toEqual(healthy);
      }
      // A proxy's id is kept; anything that is not an id is replaced, never echoed.
      const kept = await request.get("/api/health", { headers: { "x-request-id": "lb-1234.abc:9" } });
      expect(kept.headers()["x-request-id"]).toBe("lb-1234.abc:9");
      const replaced = await request.get("/api/health", { headers: { "x-request-id": `<img src=x> ${"a".repeat(300)}` } });
      expect(replaced.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      const body = await (await request.get("/api/health")).text();
      expect(body).not.toMatch(/postgres|redis:|127\.0\.0\.1|secret|password/i);
    });

    test("GET /api/health flooded from 400 client addresses: every answer 200, and the auth limits never count it", async ({
      playwright,
    }) => {
      const ip = randomClientIp();
      const request = await client(playwright, undefined, ip);
      const durations: number[] = [];
      for (let start = 0; start < 400; start += 50) {
        const batch = await Promise.all(
          Array.from({ length: 50 }, async (_, index) => {
            const started = Date.now();
            const response = await request.get("/api/health", { headers: { "x-real-ip": index === 0 ? ip : randomClientIp() } });
            durations.push(Date.now() - started);
            return response.status();
          }),
        );
        expect(batch.filter((status) => status !== 200)).toEqual([]);
      }
      durations.sort((a, b) => a - b);
      // A wait, not a benchmark: many servers, a browser and this flood share two cores.
      expect(durations[Math.floor(durations.length / 2)]).toBeLessThan(2_000);
      // The client that sent 50 of them may still ask for sign-in links: health checks cost its limits nothing.
      for (let attempt = 0; attempt < 3; attempt++) expect((await sendLink(request, uniqueEmail("after-health"))).status()).toBe(200);
    });

    test("logs one JSON line per event: level, time, message, the request's id, the security event's type; no token", async ({
      playwright,
    }) => {
      const request = await client(playwright);
      const requestId = `log-test-${setup}-${Date.now()}`;
      const email = uniqueEmail("logged-json");
      const send = await sendLink(request, email, { "x-request-id": requestId });
      expect(send.status()).toBe(200);
      expect(send.headers()["x-request-id"]).toBe(requestId);
      const token = (await latestEmail(request, email)).link.searchParams.get("token")!;
      let line: Record<string, unknown> | undefined;
      await expect
        .poll(() => {
          const lines = readFileSync(SERVER_LOG_FILE, "utf8").split("\n").filter((text) => text.includes(requestId));
          line = lines.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.event === "magic_link.sent");
          return line;
        })
        .toBeTruthy();
      expect(line).toMatchObject({ level: "info", requestId, event: "magic_link.sent", message: "Security event magic_link.sent" });
      expect(new Date(String(line!.time)).toISOString()).toBe(line!.time);
      expect(readFileSync(SERVER_LOG_FILE, "utf8")).not.toContain(token);
    });

    if (redisLink) {
      test("emptying Redis signs nobody out: sessions are kept in the database too", async ({ playwright }) => {
        const email = uniqueEmail("redis-flushed");
        const cookie = cookiesOf(await signIn(playwright, email, 0), { cached: false });
        const redis = new Redis(testRedisUrl().toString());
        const keys = await redis.keys(`${INSTANCES_REDIS_KEY_PREFIX}*`);
        expect(keys.length).toBeGreaterThan(0);
        await redis.del(...keys);
        redis.disconnect();
        expect(await sessionOn(playwright, 1, cookie)).toBe(email);
        expect(await sessionOn(playwright, 0, cookie)).toBe(email);
      });
    }

    const outages = [
      ["the database", databaseLink, "down"],
      ["the database", databaseLink, "hang"],
      ...(redisLink ? ([["Redis", redisLink, "down"], ["Redis", redisLink, "hang"]] as const) : []),
    ] as const;
    for (const [dependency, link, outage] of outages) {
      // "down": connections refused or dropped; "hang": accepted, then nothing comes back (lost packets).
      const state = outage === "down" ? "unreachable" : "not answering";
      test(`with ${dependency} ${state}: 503 within a bounded time on both instances, health names it, and they recover`, async ({
        playwright,
        page,
      }) => {
        test.setTimeout(120_000);
        const email = uniqueEmail("dependency-down");
        const signedIn = await signIn(playwright, email, 0);
        const cookie = cookiesOf(signedIn, { cached: false });
        const request = await client(playwright);
        await request.post(`${OUTSIDE_WORLD}/__${link}/${outage}`);
        try {
          // A browser holding a fresh cached copy of its session (SESSION_CACHE_SECONDS) stays signed in.
          for (const instance of [0, 1]) expect(await sessionOn(playwright, instance, cookiesOf(signedIn))).toBe(email);
          if (link === databaseLink && !redisLink && outage === "down") {
            // Without the cached copy (and without Redis), a page that must check the session says to try again.
            const [name, value] = cookie.split("=");
            await page.context().addCookies([{ name, value, url: origin }]);
            await page.goto(`${origin}/dashboard`);
            await expect(page.getByText("Something went wrong")).toBeVisible();
          }
          for (let round = 0; round < 2; round++) {
            // Each round reaches both instances: the proxy alternates.
            const timed = async (send: () => Promise<APIResponse>) => {
              const started = Date.now();
              const response = await send();
              expect(Date.now() - started).toBeLessThan(BOUNDED_MS);
              return response;
            };
            const send = await timed(() => sendLink(request, uniqueEmail("while-down")));
            expect(send.status()).toBe(503);
            expect(await send.json()).toEqual(UNAVAILABLE);
            const session = await timed(() => request.get("/api/auth/get-session", { headers: { cookie } }));
            if (link === databaseLink && redisLink) {
              // Redis holds a copy of each session: reading one needs no database.
              expect(session.status()).toBe(200);
              expect(((await session.json()) as { user: { email: string } }).user.email).toBe(email);
            } else {
              expect(session.status()).toBe(503);
              expect(await session.json()).toEqual(UNAVAILABLE);
            }
            const health = await timed(() => request.get("/api/health"));
            expect(health.status()).toBe(503);
            expect(health.headers()["cache-control"]).toBe("no-store");
            expect(await health.json()).toEqual({
              status: "unavailable",
              database: link === databaseLink ? "down" : "ok",
              redis: link === redisLink ? "down" : redisLink ? "ok" : "off",
            });
          }
        } finally {
          await request.post(`${OUTSIDE_WORLD}/__${link}/up`);
        }
        // No restart: both instances answer again by themselves.
        await expect
          .poll(async () => (await Promise.all([request.get("/api/health"), request.get("/api/health")])).map((r) => r.status()), {
            timeout: 15_000,
          })
          .toEqual([200, 200]);
        await expect.poll(async () => (await sendLink(request, uniqueEmail("back"))).status(), { timeout: 15_000 }).toBe(200);
        expect(await sessionOn(playwright, 1, cookie)).toBe(email);
      });
    }
  });
}
