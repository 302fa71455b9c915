import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from "@playwright/test";
import pg from "pg";
import {
  baseURL,
  DEPLOYED_DATABASE,
  DEPLOYED_ORIGIN,
  OUTSIDE_WORLD,
  SERVER_LOG_FILE,
  TEST_PORTS,
  TRUSTED_ORIGIN,
  testPostgresUrl,
} from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import {
  confirm,
  latestCode,
  latestLink,
  magicLinkRowsFor,
  mailboxFor,
  requestLink,
  setCookieOf,
  signInWithCode,
  storedIdentifier,
  testDatabase,
  uniqueEmail,
  usersWithEmail,
  verifyUrl,
  wrongCode,
} from "./helpers";

/**
 * What an attacker, a mail scanner or a broken dependency can do to the sign-in flow, against the production
 * build. Each describe names the defence; the payloads are written out.
 */

const sendLink = (request: APIRequestContext, data: Record<string, unknown>, headers: Record<string, string> = {}) =>
  request.post("/api/auth/sign-in/magic-link", { data, headers });

async function expectNoServerError(responses: APIResponse[]) {
  const statuses = responses.map((response) => response.status());
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
}

test.describe("1. mail scanners cannot use a link", () => {
  test("GET and HEAD on the emailed link use nothing; the Continue POST signs in", async ({ request }) => {
    const email = uniqueEmail("scanned");
    const link = await requestLink(request, email);
    for (let scan = 0; scan < 3; scan++) {
      expect((await request.head(link.toString())).status()).toBe(200);
      const page = await request.get(link.toString());
      expect(page.status()).toBe(200);
      expect(setCookieOf(page)).toEqual([]);
    }
    expect(await magicLinkRowsFor(email)).toBe(1);
    const response = await confirm(request, link);
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe(`${baseURL()}/dashboard`);
    expect(setCookieOf(response)[0]).toMatch(/^better-auth\.session_token=/);
  });

  test("the link page says who is signing in, is never cached or referred, and loads nothing from elsewhere", async ({
    request,
  }) => {
    const email = uniqueEmail("jane");
    const link = await requestLink(request, email);
    const page = await request.get(link.toString());
    expect(page.headers()["referrer-policy"]).toBe("no-referrer");
    expect(page.headers()["cache-control"]).toContain("no-store");
    const html = await page.text();
    expect(html).toContain("j•••@example.com");
    expect(html).not.toContain(email);
    const external = [...html.matchAll(/(?:src|href|action)="([^"]+)"/g)]
      .map((match) => match[1])
      .filter((url) => !url.startsWith("/") && !url.startsWith("#"));
    expect(external).toEqual([]);
  });

  test("in the browser, the token leaves the address bar as soon as the page loads", async ({ page, request }) => {
    const link = await requestLink(request, uniqueEmail("address-bar"));
    await page.goto(link.toString());
    await expect(page).toHaveURL(`${baseURL()}/sign-in/confirm`);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("a cross-site POST to the Continue endpoint is refused", async ({ request }) => {
    const link = await requestLink(request, uniqueEmail("cross-site-confirm"));
    const crossSite = await confirm(request, link, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status()).toBe(403);
    const noHeaders = await request.post("/api/auth/magic-link/confirm", {
      form: Object.fromEntries(link.searchParams),
      headers: { origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(noHeaders.status()).toBe(403);
    expect((await confirm(request, link)).status()).toBe(303);
  });
});

test.describe("2. one live link per address", () => {
  test("a new link makes the earlier unused one invalid", async ({ request }) => {
    const email = uniqueEmail("twice");
    const first = await requestLink(request, email);
    const second = await requestLink(request, email);
    const stale = await confirm(request, first);
    expect(stale.headers().location).toContain("error=INVALID_TOKEN");
    expect((await confirm(request, second)).headers().location).toBe(`${baseURL()}/dashboard`);
  });

  test("signing in by any method (here, a password) invalidates waiting links", async ({ request, playwright }) => {
    const email = uniqueEmail("password-then-link");
    const password = "correct horse battery";
    await request.post("/api/auth/sign-up/email", { data: { email, password, name: "Kim" } });
    const confirmEmail = await latestLink(request, email, undefined, "/api/auth/verify-email");
    await request.get(confirmEmail.toString(), { maxRedirects: 0 });
    const waiting = await requestLink(request, email);
    const client = await playwright.request.newContext({
      baseURL: baseURL(),
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    expect((await client.post("/api/auth/sign-in/email", { data: { email, password } })).status()).toBe(200);
    expect(await magicLinkRowsFor(email)).toBe(0);
    expect((await confirm(request, waiting)).headers().location).toContain("error=INVALID_TOKEN");
  });
});

test.describe("3. tokens", () => {
  test("are stored only as a SHA-256 hash, carry over 128 bits, and live 300 s", async ({ request }) => {
    const email = uniqueEmail("hashed");
    const link = await requestLink(request, email);
    const token = link.searchParams.get("token")!;
    // 32 letters from a 52-letter alphabet: 32 × log2(52) ≈ 182 bits; then when the link expires.
    expect(token).toMatch(/^[A-Za-z]{32}-[0-9a-z]+$/);
    expect(32 * Math.log2(52)).toBeGreaterThan(128);
    const db = testDatabase();
    const { rows } = await db.execute({
      sql: "SELECT identifier, value, expiresAt, createdAt FROM verification WHERE value LIKE ?",
      args: [`%${email}%`],
    });
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0].identifier).toBe(storedIdentifier(token));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    const lifetime = Date.parse(String(rows[0].expiresAt)) - Date.parse(String(rows[0].createdAt));
    expect(Math.round(lifetime / 1000)).toBe(300);
  });

  test("50 parallel confirmations of one token give exactly one session and 49 clean failures", async ({
    request,
    playwright,
  }) => {
    const email = uniqueEmail("race");
    const link = await requestLink(request, email);
    const responses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        // Fifty different clients, so the per-IP limit is not what stops them.
        const client = await playwright.request.newContext({
          baseURL: baseURL(),
          extraHTTPHeaders: { "x-real-ip": randomClientIp() },
        });
        return confirm(client, link);
      }),
    );
    const signedIn = responses.filter((response) => setCookieOf(response).length > 0);
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0].headers().location).toBe(`${baseURL()}/dashboard`);
    const failures = responses.filter((response) => setCookieOf(response).length === 0);
    expect(failures).toHaveLength(49);
    for (const failure of failures) {
      expect(failure.status()).toBe(303);
      expect(failure.headers().location).toContain("error=INVALID_TOKEN");
    }
    const [user] = await usersWithEmail(email);
    const db = testDatabase();
    const sessions = await db.execute({ sql: "SELECT count(*) AS n FROM session WHERE userId = ?", args: [user.id] });
    db.close();
    expect(Number(sessions.rows[0].n)).toBe(1);
  });

  const garbage = [
    "",
    "a",
    "x".repeat(10_000),
    "' OR '1'='1",
    "'; DROP TABLE verification; --",
    "%00%00",
    "ŧøķêñ✓",
    "😀".repeat(64),
    "../../etc/passwd",
    "<script>alert(1)</script>",
  ];

  test("200 garbage tokens on every link endpoint: no 5xx", async ({ request }) => {
    const tokens = Array.from({ length: 200 }, (_, index) => garbage[index % garbage.length] + (index >= 10 ? index : ""));
    const responses: APIResponse[] = [];
    for (let start = 0; start < tokens.length; start += 20) {
      const batch = tokens.slice(start, start + 20);
      responses.push(
        ...(await Promise.all(
          batch.flatMap((token) => {
            const query = new URLSearchParams({ token, callbackURL: "/dashboard" });
            return [
              request.get(`/sign-in/confirm?${query}`),
              request.post("/api/auth/magic-link/confirm", {
                form: { token, callbackURL: "/dashboard" },
                headers: { "sec-fetch-site": "same-origin" },
                maxRedirects: 0,
              }),
            ];
          }),
        )),
      );
    }
    await expectNoServerError(responses);
    // The API's verify endpoint is rate limited per client: each garbage probe there comes from a new one.
    const verifies = await Promise.all(
      garbage.map((token) =>
        request.get(`/api/auth/magic-link/verify?${new URLSearchParams({ token, callbackURL: "/dashboard" })}`, {
          headers: { "x-real-ip": randomClientIp() },
          maxRedirects: 0,
        }),
      ),
    );
    await expectNoServerError(verifies);
  });
});

test.describe("4. rate limits", () => {
  test("one address gets at most 3 links per 10 minutes, from any number of clients, known or not", async ({
    request,
  }) => {
    for (const email of [uniqueEmail("inbox-flood"), uniqueEmail("unknown-flood")]) {
      const responses = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        responses.push(await sendLink(request, { email }, { "x-real-ip": randomClientIp() }));
      }
      expect(responses.map((response) => response.status())).toEqual([200, 200, 200, 429, 429]);
      expect(Number(responses[3].headers()["retry-after"])).toBeGreaterThan(500);
      expect(await responses[3].json()).toEqual({
        code: "TOO_MANY_REQUESTS",
        message: "Too many requests. Please try again later.",
      });
      expect(await mailboxFor(request, email)).toHaveLength(3);
    }
  });

  test("the per-address window lasts 10 minutes, then opens again", async ({ request }) => {
    const email = uniqueEmail("window");
    for (let attempt = 0; attempt < 3; attempt++) {
      await sendLink(request, { email }, { "x-real-ip": randomClientIp() });
    }
    const key = createHash("sha256").update(`sign-in-emails:${email}`).digest("base64url");
    const moveWindowStart = async (minutesAgo: number) => {
      const db = testDatabase();
      await db.execute({
        sql: "UPDATE address_rate_limit SET windowStart = ? WHERE key = ?",
        args: [Date.now() - minutesAgo * 60_000, key],
      });
      db.close();
    };
    await moveWindowStart(9.5);
    const late = await sendLink(request, { email }, { "x-real-ip": randomClientIp() });
    expect(late.status()).toBe(429);
    expect(Number(late.headers()["retry-after"])).toBeLessThanOrEqual(30);
    await moveWindowStart(10.5);
    expect((await sendLink(request, { email }, { "x-real-ip": randomClientIp() })).status()).toBe(200);
  });

  test("password sign-in keeps better-auth's stricter limit (3 per 10 s per client)", async ({ request }) => {
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await request.post("/api/auth/sign-in/email", {
        data: { email: "nobody@example.com", password: "guess-number-" + attempt },
      });
      statuses.push(response.status());
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
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

test.describe("5. no account enumeration", () => {
  const comparable = async (response: APIResponse) => ({
    status: response.status(),
    body: await response.text(),
    headers: Object.keys(response.headers())
      .filter((name) => name !== "date")
      .sort(),
  });

  test("sending a link answers identically for an existing address, an unknown one, and one while sign-up is closed", async ({
    request,
    playwright,
  }) => {
    const existing = uniqueEmail("exists");
    await confirm(request, await requestLink(request, existing));
    // As a signed-out browser asks: no cookie, its Origin.
    const client = await playwright.request.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const ask = (port: number, email: string) =>
      client.post(`${baseURL(port)}/api/auth/sign-in/magic-link`, {
        data: { email, callbackURL: "/dashboard" },
        headers: { origin: baseURL(port) },
      });
    const answers = [
      await comparable(await ask(TEST_PORTS.main, existing)),
      await comparable(await ask(TEST_PORTS.main, uniqueEmail("unknown"))),
      await comparable(await ask(TEST_PORTS.signUpDisabled, uniqueEmail("closed"))),
    ];
    expect(answers[0]).toMatchObject({ status: 200, body: '{"status":true}' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});

test.describe("6. redirect targets", () => {
  const hostile = [
    "//evil.com",
    "/\\evil.com",
    "/%5C/evil.com",
    "/%2F/evil.com",
    "%2F%2Fevil.com",
    "https:evil.com",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://app.example.com.evil.com",
    "https://evil.com@app.example.com",
    `${baseURL()}@evil.com`,
    "https://evil.com",
    "\\\\evil.com",
    "/\tevil.com",
  ];

  for (const field of ["callbackURL", "newUserCallbackURL", "errorCallbackURL"]) {
    test(`${field}: hostile targets are refused when the link is requested, and no email is sent`, async ({
      request,
    }) => {
      for (const target of hostile) {
        const email = uniqueEmail("redirect");
        const response = await sendLink(request, { email, [field]: target });
        expect([400, 403], `${field}=${target}`).toContain(response.status());
        expect(await mailboxFor(request, email)).toHaveLength(0);
      }
    });
  }

  test("a hostile target added to a valid link is refused at verify, and the link stays unused", async ({ request }) => {
    const email = uniqueEmail("verify-redirect");
    const link = await requestLink(request, email);
    for (const target of hostile) {
      const tampered = verifyUrl(link);
      tampered.searchParams.set("callbackURL", target);
      const response = await request.get(tampered.toString(), { maxRedirects: 0 });
      expect(response.status(), target).toBe(403);
      const viaPage = new URL(link);
      viaPage.searchParams.set("callbackURL", target);
      expect((await confirm(request, viaPage)).status(), target).toBe(403);
    }
    expect(await magicLinkRowsFor(email)).toBe(1);
  });

  test("paths on this site and TRUSTED_ORIGINS are accepted", async ({ request }) => {
    for (const target of ["/dashboard", "/dashboard?tab=security#top", `${baseURL()}/dashboard`, `${TRUSTED_ORIGIN}/welcome`]) {
      const response = await sendLink(request, { email: uniqueEmail("good-redirect"), callbackURL: target });
      expect(response.status(), target).toBe(200);
    }
  });
});

test.describe("7. email addresses", () => {
  test("are normalised once: 'A@X.COM ' and 'a@x.com' are one account", async ({ request }) => {
    const local = `Case-${Date.now()}`;
    await confirm(request, await requestLink(request, ` ${local.toUpperCase()}@EXAMPLE.COM `));
    await confirm(request, await requestLink(request, `${local.toLowerCase()}@example.com`));
    expect(await usersWithEmail(`${local.toLowerCase()}@example.com`)).toHaveLength(1);
  });

  const refused = [
    "victim@example.com\r\nBcc: attacker@evil.com",
    "victim@example.com\nBcc: attacker@evil.com",
    '"victim"@example.com',
    "'victim'@example.com",
    "victim@example.com@evil.com",
    "victim＠example.com",
    "victim﹫example.com",
    "victim@example.com,attacker@evil.com",
    "victim@example.com;attacker@evil.com",
    "victim@example.com attacker@evil.com",
    "Victim <victim@example.com>",
    `${"a".repeat(250)}@example.com`,
    "",
    "no-at-sign",
  ];

  for (const [path, extra] of [
    ["/api/auth/sign-in/magic-link", {}],
    ["/api/auth/sign-up/email", { password: "correct horse battery", name: "X" }],
    ["/api/auth/sign-in/email", { password: "correct horse battery" }],
  ] as const) {
    test(`${path} refuses unsafe addresses with 400 and a clear message`, async ({ request }) => {
      for (const email of refused) {
        // Each from its own client: password endpoints allow 3 requests per 10 s per client.
        const response = await request.post(path, { data: { email, ...extra }, headers: { "x-real-ip": randomClientIp() } });
        expect(response.status(), JSON.stringify(email)).toBe(400);
        expect((await response.json()).message).toBe("Enter one email address, like name@example.com.");
      }
    });
  }

  test("a name full of markup reaches no email as markup", async ({ request }) => {
    const email = uniqueEmail("markup");
    const name = `<img src=x onerror=alert(1)><script>alert(1)</script>`;
    await request.post("/api/auth/sign-up/email", { data: { email, name, password: "correct horse battery" } });
    await sendLink(request, { email, name });
    await expect.poll(async () => (await mailboxFor(request, email)).length).toBe(2);
    for (const message of await mailboxFor(request, email)) {
      expect(message.html).not.toContain("<script");
      expect(message.html).not.toContain("<img src=x");
    }
  });
});

test.describe("8. cross-site requests", () => {
  const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" };

  test("cross-site POSTs to sign-in, sign-up and sign-out are refused", async ({ request }) => {
    const email = uniqueEmail("csrf");
    await confirm(request, await requestLink(request, email));
    // This context now holds a session cookie, as a victim's browser would.
    for (const [path, data] of [
      ["/api/auth/sign-in/magic-link", { email: uniqueEmail("csrf-link") }],
      ["/api/auth/sign-in/email", { email, password: "correct horse battery" }],
      ["/api/auth/sign-up/email", { email: uniqueEmail("csrf-signup"), password: "correct horse battery", name: "X" }],
      ["/api/auth/sign-in/email-otp", { email, otp: "123456" }],
      ["/api/auth/email-otp/send-verification-otp", { email: uniqueEmail("csrf-code"), type: "sign-in" }],
      ["/api/auth/sign-out", {}],
    ] as const) {
      const response = await request.post(path, { data, headers: evil });
      expect(response.status(), path).toBe(403);
    }
    const session = await (await request.get("/api/auth/get-session")).json();
    expect(session.user.email).toBe(email);
  });

  test("a cross-site form cannot send a link even without cookies (login CSRF)", async ({ playwright }) => {
    const client = await playwright.request.newContext({
      baseURL: baseURL(),
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    const email = uniqueEmail("login-csrf");
    const response = await client.post("/api/auth/sign-in/magic-link", { form: { email }, headers: evil });
    expect([403, 415]).toContain(response.status());
    const json = await client.post("/api/auth/sign-in/magic-link", { data: { email }, headers: evil });
    expect(json.status()).toBe(403);
    expect(await mailboxFor(client, email)).toHaveLength(0);
  });

  test("a cross-site page cannot sign a visitor in with the attacker's own code (login CSRF)", async ({
    playwright,
    request,
  }) => {
    const attacker = uniqueEmail("attacker");
    await requestLink(request, attacker);
    const code = await latestCode(request, attacker);
    const victim = await playwright.request.newContext({
      baseURL: baseURL(),
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    for (const send of [
      () => victim.post("/api/auth/sign-in/email-otp", { data: { email: attacker, otp: code }, headers: evil }),
      () => victim.post("/api/auth/sign-in/email-otp", { form: { email: attacker, otp: code }, headers: evil }),
    ]) {
      const response = await send();
      expect([403, 415]).toContain(response.status());
      expect(setCookieOf(response)).toEqual([]);
    }
    expect(await (await victim.get("/api/auth/get-session")).json()).toBeNull();
  });
});

/** A client of the deployed server (PostgreSQL, Resend stand-in, https public URL). */
async function deployedClient(playwright: PlaywrightWorkerArgs["playwright"]) {
  return playwright.request.newContext({
    baseURL: baseURL(TEST_PORTS.deployed),
    extraHTTPHeaders: { "x-real-ip": randomClientIp(), origin: DEPLOYED_ORIGIN },
  });
}

async function deployedMagicLinkRows(email: string) {
  const client = new pg.Client({ connectionString: testPostgresUrl(DEPLOYED_DATABASE).toString() });
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM verification WHERE identifier LIKE 'magic-link:%' AND value LIKE $1`,
    [`%${email}%`],
  );
  await client.end();
  return rows[0].n as number;
}

test.describe("9. failures, and load, on the deployed configuration (PostgreSQL, Resend)", () => {
  // One after another: taking the database down must not fail the deployed server's other tests.
  test.describe.configure({ mode: "serial" });

  // On PostgreSQL, as deployed: a SQLite file is for development, and this is a load test.
  test("4. 1000 link requests from one client: the per-IP limit engages, no 5xx, no more emails than allowed", async ({
    playwright,
  }) => {
    // A wait, not a performance limit: four servers, a browser and this flood share two cores.
    test.setTimeout(120_000);
    const request = await deployedClient(playwright);
    const ip = randomClientIp();
    const label = `flood-${Date.now()}`;
    const statuses: number[] = [];
    // 20 at a time: enough to race the limiter, without turning the test into a load test of SQLite.
    for (let start = 0; start < 1000; start += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, offset) =>
          sendLink(
            request,
            { email: `${label}-${start + offset}@example.com` },
            // A forged X-Forwarded-For changes nothing: only the trusted header identifies the client.
            { "x-real-ip": ip, "x-forwarded-for": randomClientIp() },
          ),
        ),
      );
      for (const response of batch) {
        statuses.push(response.status());
        if (response.status() === 429) {
          expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
          expect((await response.json()).message).toBe("Too many requests. Please try again later.");
        }
      }
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    const sent = statuses.filter((status) => status === 200).length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(30);
    expect(statuses.filter((status) => status === 429).length).toBe(1000 - sent);
    const emails = (await (await request.get(`${OUTSIDE_WORLD}/__emails`)).json()) as { to: string }[];
    expect(emails.filter((email) => email.to.startsWith(`${label}-`))).toHaveLength(sent);
  });

  test("sends through Resend on the deployed configuration, and the link signs in there", async ({ playwright }) => {
    const client = await deployedClient(playwright);
    const email = uniqueEmail("deployed");
    expect((await sendLink(client, { email, callbackURL: "/dashboard" })).status()).toBe(200);
    const [sent] = (await (await client.get(`${OUTSIDE_WORLD}/__emails?to=${email}`)).json()) as {
      from: string;
      subject: string;
      text: string;
    }[];
    expect(sent.from).toBe("Acme <login@acme.test>");
    expect(sent.subject).toBe("Sign in to Acme");
    const link = new URL(sent.text.match(/https:\/\/app\.example\.test\/sign-in\/confirm\S+/)![0]);
    const response = await confirm(client, link);
    expect(response.headers().location).toBe(`${DEPLOYED_ORIGIN}/dashboard`);
    const cookie = setCookieOf(response)[0];
    // 10. On https: the __Secure- prefix, Secure, HttpOnly, SameSite=Lax.
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  test("on the deployed configuration too, the email's code signs in and retires its link", async ({ playwright }) => {
    const client = await deployedClient(playwright);
    const email = uniqueEmail("deployed-code");
    expect((await sendLink(client, { email, callbackURL: "/dashboard" })).status()).toBe(200);
    const [sent] = (await (await client.get(`${OUTSIDE_WORLD}/__emails?to=${email}`)).json()) as { text: string }[];
    const link = new URL(sent.text.match(/https:\/\/app\.example\.test\/sign-in\/confirm\S+/)![0]);
    const code = sent.text.match(/\b\d{6}\b/)![0];
    const response = await client.post("/api/auth/sign-in/email-otp", { data: { email, otp: code } });
    expect(response.status()).toBe(200);
    expect(setCookieOf(response)[0]).toMatch(/^__Secure-better-auth\.session_token=/);
    expect((await confirm(client, link)).headers().location).toContain("error=INVALID_TOKEN");
  });

  test("with a real provider configured, the dev mailbox does not exist", async ({ playwright }) => {
    const client = await deployedClient(playwright);
    expect((await client.get("/api/dev/mailbox")).status()).toBe(404);
    expect((await client.get("/dev/mailbox")).status()).toBe(404);
  });

  for (const [kind, prefix] of [
    ["errors", "fail-"],
    ["refuses the message", "reject-"],
    ["hangs", "hang-"],
  ] as const) {
    test(`when the provider ${kind}, the request ends with a clear error and leaves no usable link`, async ({
      playwright,
    }) => {
      const client = await deployedClient(playwright);
      const email = uniqueEmail(`${prefix}provider`);
      const response = await sendLink(client, { email }, {});
      expect(response.status()).toBe(503);
      expect(await response.json()).toEqual({ code: "EMAIL_NOT_SENT", message: "We couldn't send the email. Try again." });
      expect(await deployedMagicLinkRows(email)).toBe(0);
    });
  }

  test("with the database unreachable, auth answers 503 with a generic body, and recovers without a restart", async ({
    playwright,
  }) => {
    const client = await deployedClient(playwright);
    // A real session's cookie, without its cached copy: checking it needs the database. (A forged cookie no
    // longer does: its signature fails first, and the answer is "no session" without a query.)
    const email = uniqueEmail("db-down-session");
    await sendLink(client, { email });
    const [sent] = (await (await client.get(`${OUTSIDE_WORLD}/__emails?to=${email}`)).json()) as { text: string }[];
    const link = new URL(sent.text.match(/https:\/\/app\.example\.test\/sign-in\/confirm\S+/)![0]);
    const sessionCookie = setCookieOf(await confirm(client, link))[0].split(";")[0];
    const signedIn = await deployedClient(playwright);
    await client.post(`${OUTSIDE_WORLD}/__database/down`);
    try {
      for (const response of [
        await sendLink(client, { email: uniqueEmail("db-down") }),
        await signedIn.get("/api/auth/get-session", { headers: { cookie: sessionCookie } }),
        await client.post("/api/auth/sign-in/email", { data: { email: uniqueEmail("db-down"), password: "whatever-123" } }),
      ]) {
        expect(response.status()).toBe(503);
        const body = await response.text();
        expect(JSON.parse(body)).toEqual({
          code: "SERVICE_UNAVAILABLE",
          message: "The service is temporarily unavailable. Try again in a moment.",
        });
      }
    } finally {
      await client.post(`${OUTSIDE_WORLD}/__database/up`);
    }
    await expect
      .poll(async () => (await sendLink(client, { email: uniqueEmail("db-back") })).status(), { timeout: 15_000 })
      .toBe(200);
  });
});

test.describe("10. sessions", () => {
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
});

test.describe("11. headers on every page", () => {
  for (const path of ["/", "/sign-in", "/sign-in/password", "/sign-up", "/sign-in/confirm", "/dashboard", "/dev/mailbox"]) {
    test(`${path}`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      const csp = headers["content-security-policy"];
      const scriptSrc = csp.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scriptSrc).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe(path === "/sign-in/confirm" ? "no-referrer" : "strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"]).toContain("max-age=");
      if (response.status() === 200) {
        const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
        const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      }
    });
  }

  test("API answers: nosniff, no framing, no referrer leak, HSTS, and no nonce (they run no script)", async ({ request }) => {
    for (const response of [
      await request.get("/api/auth/get-session"),
      await request.post("/api/auth/magic-link/confirm", { form: {}, headers: { "sec-fetch-site": "same-origin" }, maxRedirects: 0 }),
    ]) {
      const headers = response.headers();
      expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"]).toContain("max-age=");
    }
  });

  test("pages run in the browser without breaking their policy", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    for (const path of ["/", "/sign-in", "/sign-in/password", "/sign-up", "/dev/mailbox"]) {
      await page.goto(path);
      await expect(page.locator("h1")).toBeVisible();
    }
    expect(violations).toEqual([]);
  });
});

test.describe("12. logs", () => {
  test("tokens and session cookies never appear in the servers' output", async ({ request }) => {
    const email = uniqueEmail("logged");
    const link = await requestLink(request, email);
    const token = link.searchParams.get("token")!;
    const signedIn = await confirm(request, link);
    const session = setCookieOf(signedIn)[0].split(";")[0].split("=")[1];
    // Give the logs something to say about this token: reuse, tampering, a bad redirect.
    await confirm(request, link);
    const tampered = verifyUrl(link);
    tampered.searchParams.set("callbackURL", "//evil.com");
    await request.get(tampered.toString(), { maxRedirects: 0 });
    await request.get(`/api/auth/get-session`, { headers: { cookie: `better-auth.session_token=${session}x` } });
    const log = readFileSync(SERVER_LOG_FILE, "utf8");
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(token);
    expect(log).not.toContain(decodeURIComponent(session).split(".")[0]);
  });
});

test.describe("13. sign-in codes", () => {
  /** Every guess from a client address of its own, as a botnet would send them. */
  const guess = (request: APIRequestContext, email: string, otp: unknown) =>
    request.post("/api/auth/sign-in/email-otp", { data: { email, otp }, headers: { "x-real-ip": randomClientIp() } });

  test("brute force on one address from many clients: 3 tries per code, 10 checks per address per day", async ({
    request,
  }) => {
    const email = uniqueEmail("brute");
    await requestLink(request, email);
    const code = await latestCode(request, email);
    const statuses = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      // Wrong every time, and never the same guess twice.
      const wrong = String((Number(code) + attempt) % 1_000_000).padStart(6, "0");
      statuses.push((await guess(request, email, wrong)).status());
    }
    // Three wrong tries, then the dead code's 403, then "no code" until the address's daily checks run out.
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 403]);
    expect(statuses.slice(4, 10)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // A fresh code, asked for by the attacker or the owner, buys no more guesses: even the right one waits.
    const link = await requestLink(request, email);
    const limited = await guess(request, email, await latestCode(request, email));
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(23 * 60 * 60);
    expect(await limited.json()).toEqual({ code: "TOO_MANY_REQUESTS", message: "Too many requests. Please try again later." });
    expect(await usersWithEmail(email)).toHaveLength(0);
    // The owner, who holds the email, still signs in with its link.
    expect((await confirm(request, link)).headers().location).toBe(`${baseURL()}/dashboard`);
  });

  test("a code works only for the address it was sent to", async ({ request }) => {
    const [alice, bob] = [uniqueEmail("alice"), uniqueEmail("bob")];
    await requestLink(request, alice);
    await requestLink(request, bob);
    const [aliceCode, bobCode] = [await latestCode(request, alice), await latestCode(request, bob)];
    if (aliceCode !== bobCode) {
      expect((await guess(request, alice, bobCode)).status()).toBe(400);
      expect((await guess(request, bob, aliceCode)).status()).toBe(400);
    }
    const response = await guess(request, alice, aliceCode);
    expect(response.status()).toBe(200);
    expect((await response.json()).user.email).toBe(alice);
    expect(await usersWithEmail(bob)).toHaveLength(0);
  });

  test("garbage, overlong and non-digit codes get a 400 and cost the address nothing", async ({ request }) => {
    const email = uniqueEmail("garbage-code");
    await requestLink(request, email);
    const code = await latestCode(request, email);
    const garbage: unknown[] = [
      "",
      " ",
      "12345",
      "1234567",
      "12345a",
      "abcdef",
      "１２３４５６",
      "123_456",
      "1".repeat(10_000),
      "' OR '1'='1",
      "123456\u0000",
      "٣٤٥٦٧٨",
      123456,
      null,
      true,
      ["123456"],
      { $ne: "" },
    ];
    const responses = await Promise.all(garbage.map((otp) => guess(request, email, otp)));
    await expectNoServerError(responses);
    for (const [index, response] of responses.entries()) {
      expect(response.status(), JSON.stringify(garbage[index]).slice(0, 40)).toBe(400);
      expect(await response.json()).toEqual({ code: "INVALID_CODE", message: "Enter the 6-digit code from the email." });
    }
    const missing = await request.post("/api/auth/sign-in/email-otp", { data: { email } });
    expect(missing.status()).toBe(400);
    const badAddress = await guess(request, "victim@example.com\r\nBcc: a@evil.com", code);
    expect(badAddress.status()).toBe(400);
    expect((await badAddress.json()).code).toBe("INVALID_EMAIL");
    // None of it counted: the right code still signs in, every try intact.
    expect((await guess(request, email, wrongCode(code))).status()).toBe(400);
    const signedIn = await guess(request, email, code);
    expect(signedIn.status()).toBe(200);
  });

  test("the code endpoints this app does not offer answer 404, other code types 400, and send nothing", async ({
    request,
  }) => {
    const email = uniqueEmail("other-codes");
    for (const type of ["email-verification", "forget-password", "change-email", "nonsense"]) {
      const response = await request.post("/api/auth/email-otp/send-verification-otp", { data: { email, type } });
      expect(response.status(), type).toBe(400);
    }
    for (const path of [
      "/api/auth/email-otp/check-verification-otp",
      "/api/auth/email-otp/verify-email",
      "/api/auth/email-otp/request-password-reset",
      "/api/auth/email-otp/reset-password",
      "/api/auth/forget-password/email-otp",
      "/api/auth/email-otp/request-email-change",
      "/api/auth/email-otp/change-email",
    ]) {
      const response = await request.post(path, {
        data: { email, type: "sign-in", otp: "123456", password: "correct horse battery", newEmail: email },
        headers: { "x-real-ip": randomClientIp() },
      });
      expect(response.status(), path).toBe(404);
    }
    expect(await mailboxFor(request, email)).toHaveLength(0);
  });

  test("the per-client limit applies to code checks too: 30 a minute", async ({ request }) => {
    const statuses = [];
    for (let attempt = 0; attempt < 33; attempt++) {
      // A different address each time, so only the client's own limit can stop it.
      statuses.push((await signInWithCode(request, uniqueEmail("per-ip"), "123456")).status());
    }
    expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429]);
  });

  test("codes are stored as SHA-256 hashes, and a near miss answers as fast as a far one", async ({ request }) => {
    const timings = { near: [] as number[], far: [] as number[] };
    const time = async (email: string, otp: string) => {
      const started = performance.now();
      const response = await guess(request, email, otp);
      const elapsed = performance.now() - started;
      expect(response.status()).toBe(400);
      return elapsed;
    };
    for (let round = 0; round < 16; round++) {
      const email = uniqueEmail("timing");
      await sendLink(request, { email }, { "x-real-ip": randomClientIp() });
      const code = await latestCode(request, email);
      if (round === 0) {
        const db = testDatabase();
        const { rows } = await db.execute({ sql: "SELECT value FROM verification WHERE identifier = ?", args: [`sign-in-otp-${email}`] });
        db.close();
        expect(rows).toHaveLength(1);
        // base64url(SHA-256) and the wrong tries so far: the code itself is nowhere.
        expect(String(rows[0].value)).toMatch(/^[A-Za-z0-9_-]{43}:0$/);
        expect(String(rows[0].value)).not.toContain(code);
      }
      // Five right digits out of six, and none: a comparison that stopped at the first wrong digit would differ.
      const [near, far] = [wrongCode(code, [5]), wrongCode(code)];
      if (round % 2) {
        timings.near.push(await time(email, near));
        timings.far.push(await time(email, far));
      } else {
        timings.far.push(await time(email, far));
        timings.near.push(await time(email, near));
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const [near, far] = [median(timings.near), median(timings.far)];
    // Loose on purpose: this machine is shared and noisy. The guarantee is the hash comparison above; this checks
    // that nothing else (an early exit, a lookup keyed on the guess) makes a near miss measurably different.
    expect(Math.max(near, far) / Math.min(near, far), `near ${near.toFixed(1)} ms, far ${far.toFixed(1)} ms`).toBeLessThan(2);
  });
});
