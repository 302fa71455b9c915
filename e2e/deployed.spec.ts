import type { PlaywrightWorkerArgs } from "@playwright/test";
import pg from "pg";
import { baseURL, DEPLOYED_DATABASE, DEPLOYED_ORIGIN, OUTSIDE_WORLD, TEST_PORTS, testPostgresUrl } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import { confirm, sendLink, setCookieOf, uniqueEmail } from "./helpers";

/**
 * The deployed configuration, as on Vercel: PostgreSQL, Resend (a local stand-in, e2e/outside-world.ts) and an
 * https public address. Sending through the provider, secure cookies, no dev mailbox, a flood of requests, and
 * what a user gets while the provider or the database fails.
 */

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

test.describe("the deployed configuration (PostgreSQL, Resend, https)", () => {
  // One after another: taking the database down must not fail the deployed server's other tests.
  test.describe.configure({ mode: "serial" });

  // On PostgreSQL, as deployed: a SQLite file is for development, and this is a load test.
  test("1000 link requests from one client: the per-IP limit engages, no 5xx, no more emails than allowed", async ({
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
    // On https: the __Secure- prefix, Secure, HttpOnly, SameSite=Lax.
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
