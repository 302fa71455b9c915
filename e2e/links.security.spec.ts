import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIResponse } from "@playwright/test";
import { baseURL, SERVER_LOG_FILE, TEST_PORTS, TRUSTED_ORIGIN } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import {
  confirm,
  CROSS_SITE_HEADERS,
  expectNoServerError,
  latestLink,
  magicLinkRowsFor,
  mailboxFor,
  requestLink,
  sendLink,
  setCookieOf,
  storedIdentifier,
  testDatabase,
  UNSAFE_ADDRESSES,
  uniqueEmail,
  usersWithEmail,
  verifyUrl,
} from "./helpers";

/**
 * What an attacker, a mail scanner or a careless client can do to magic links, against the production build.
 * Each describe names the defence; the payloads are written out.
 */

test.describe("mail scanners cannot use a link", () => {
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

test.describe("one live link per address", () => {
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

test.describe("tokens", () => {
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

test.describe("sign-in email limits", () => {
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
        code: "TOO_MANY_EMAILS",
        message: "Too many sign-in emails to this address. Please try again later.",
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
});

test.describe("no account enumeration", () => {
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

test.describe("redirect targets", () => {
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

  test("in the browser, a link whose destination was changed signs in to the dashboard, never elsewhere", async ({ page }) => {
    const changes: Record<string, string>[] = [
      { callbackURL: "https://evil.com/steal" },
      { callbackURL: "//evil.com" },
      { callbackURL: "/dashboard", newUserCallbackURL: "https://evil.com/welcome", errorCallbackURL: "//evil.com" },
    ];
    for (const change of changes) {
      const email = uniqueEmail("changed-destination");
      const link = await requestLink(page.request, email);
      for (const [field, target] of Object.entries(change)) link.searchParams.set(field, target);
      await page.goto(link.toString());
      await expect(page.getByText("Continue as c•••@example.com?")).toBeVisible();
      // The button's form carries nothing the server would refuse.
      const destinations = await page.locator("form input[type=hidden]").evaluateAll((inputs) =>
        inputs.map((input) => (input as HTMLInputElement).value).join(" "),
      );
      expect(destinations, JSON.stringify(change)).not.toContain("evil.com");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page, JSON.stringify(change)).toHaveURL(`${baseURL()}/dashboard`);
      await expect(page.getByTestId("user-email")).toHaveText(email);
      await page.context().clearCookies();
    }
  });

  test("paths on this site and TRUSTED_ORIGINS are accepted", async ({ request }) => {
    for (const target of ["/dashboard", "/dashboard?tab=security#top", `${baseURL()}/dashboard`, `${TRUSTED_ORIGIN}/welcome`]) {
      const response = await sendLink(request, { email: uniqueEmail("good-redirect"), callbackURL: target });
      expect(response.status(), target).toBe(200);
    }
  });
});

test.describe("email addresses", () => {
  test("are normalised once: 'A@X.COM ' and 'a@x.com' are one account", async ({ request }) => {
    const local = `Case-${Date.now()}`;
    await confirm(request, await requestLink(request, ` ${local.toUpperCase()}@EXAMPLE.COM `));
    await confirm(request, await requestLink(request, `${local.toLowerCase()}@example.com`));
    expect(await usersWithEmail(`${local.toLowerCase()}@example.com`)).toHaveLength(1);
  });

  test("/api/auth/sign-in/magic-link refuses unsafe addresses with 400 and a clear message", async ({ request }) => {
    for (const email of UNSAFE_ADDRESSES) {
      // Each from its own client.
      const response = await request.post("/api/auth/sign-in/magic-link", { data: { email }, headers: { "x-real-ip": randomClientIp() } });
      expect(response.status(), JSON.stringify(email)).toBe(400);
      expect((await response.json()).message).toBe("Enter one email address, like name@example.com.");
    }
  });

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

test.describe("cross-site requests", () => {
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
      const response = await request.post(path, { data, headers: CROSS_SITE_HEADERS });
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
    const response = await client.post("/api/auth/sign-in/magic-link", { form: { email }, headers: CROSS_SITE_HEADERS });
    expect([403, 415]).toContain(response.status());
    const json = await client.post("/api/auth/sign-in/magic-link", { data: { email }, headers: CROSS_SITE_HEADERS });
    expect(json.status()).toBe(403);
    expect(await mailboxFor(client, email)).toHaveLength(0);
  });

  test("a link from the attacker's inbox, clicked on another site, signs nobody in: the visitor stays who they were (login CSRF)", async ({
    page,
  }) => {
    const attacker = uniqueEmail("verify-csrf");
    const link = await requestLink(page.request, attacker, { errorCallbackURL: "/sign-in" });
    // A page on another site, linking to the API's verify URL, as the browser really navigates from it.
    await page.route("https://evil.example/", (route) =>
      route.fulfill({ contentType: "text/html", body: `<a href="${verifyUrl(link)}">You won a prize</a>` }),
    );
    const clickThePrize = async () => {
      await page.goto("https://evil.example/");
      await page.getByRole("link", { name: "You won a prize" }).click();
      await expect(page).toHaveURL(/\/sign-in\?error=CROSS_SITE_REQUEST$/);
    };
    // Signed out: still signed out, and told how links work.
    await clickThePrize();
    await expect(page.getByText("Open the sign-in link from your email to continue.")).toBeVisible();
    expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
    // Signed in: still signed in as themselves.
    const victim = uniqueEmail("verify-csrf-victim");
    await confirm(page.request, await requestLink(page.request, victim));
    await clickThePrize();
    await expect(page.getByRole("heading", { name: "You're already signed in" })).toBeVisible();
    const session = await (await page.request.get("/api/auth/get-session")).json();
    expect(session.user.email).toBe(victim);
    // Unused: its owner, opening it from their email app, still signs in with it.
    expect(await magicLinkRowsFor(attacker)).toBe(1);
  });
});

test.describe("logs", () => {
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
