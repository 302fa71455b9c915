import type { APIRequestContext } from "@playwright/test";
import { baseURL } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import {
  confirm,
  CROSS_SITE_HEADERS,
  expectNoServerError,
  latestCode,
  mailboxFor,
  requestLink,
  sendLink,
  setCookieOf,
  signInWithCode,
  testDatabase,
  uniqueEmail,
  usersWithEmail,
  wrongCode,
} from "./helpers";

/**
 * What an attacker can do to sign-in codes, against the production build: guess them from many clients, send
 * garbage, use another address's code, or sign a visitor in with their own.
 */

test.describe("guessing a code", () => {
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

test.describe("cross-site requests", () => {
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
      () => victim.post("/api/auth/sign-in/email-otp", { data: { email: attacker, otp: code }, headers: CROSS_SITE_HEADERS }),
      () => victim.post("/api/auth/sign-in/email-otp", { form: { email: attacker, otp: code }, headers: CROSS_SITE_HEADERS }),
    ]) {
      const response = await send();
      expect([403, 415]).toContain(response.status());
      expect(setCookieOf(response)).toEqual([]);
    }
    expect(await (await victim.get("/api/auth/get-session")).json()).toBeNull();
  });
});
