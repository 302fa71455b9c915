import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * The limits on email sign-in: per address (lib/sign-in/limits.ts: emails sent, codes checked), counted from any
 * number of clients, and per client IP (better-auth's, lib/auth/rate-limits.ts). Time moves with a fake clock.
 */

// A per-IP limit of a few requests, so reaching it takes a few emails rather than thirty.
const app = await startAuthServer({ MAGIC_LINK_RATE_LIMIT: "5" });
const addressLimit = app.env.MAGIC_LINK_ADDRESS_LIMIT;
const perIpLimit = app.env.MAGIC_LINK_RATE_LIMIT;

/** Every request from a client address of its own, as a botnet would send them. */
const sendLink = (email: string) => app.device().post("/sign-in/magic-link", { email });
const sendCode = (email: string) => app.device().post("/email-otp/send-verification-otp", { email, type: "sign-in" });
const guess = (email: string, otp: string) => app.device().post("/sign-in/email-otp", { email, otp });
const statusesOf = (responses: Response[]) => responses.map((response) => response.status);

async function inSequence(count: number, send: (index: number) => Promise<Response>) {
  const responses: Response[] = [];
  for (let index = 0; index < count; index++) responses.push(await send(index));
  return responses;
}

const TOO_MANY = { code: "TOO_MANY_REQUESTS", message: "Too many requests. Please try again later." };
/** The per-address email limit's answer: a code of its own, so a form holds back only that address. */
const TOO_MANY_EMAILS = { code: "TOO_MANY_EMAILS", message: "Too many sign-in emails to this address. Please try again later." };

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-in emails per address (MAGIC_LINK_ADDRESS_LIMIT per 10 minutes)", () => {
  test("exactly the limit passes, from any number of clients, for a known address and an unknown one", async () => {
    const known = uniqueEmail("inbox-flood");
    await app.addMember(known);
    for (const email of [known, uniqueEmail("unknown-flood")]) {
      const responses = await inSequence(addressLimit + 2, () => sendLink(email));
      expect(statusesOf(responses)).toEqual([...Array(addressLimit).fill(200), 429, 429]);
      expect(await json(responses[addressLimit])).toEqual(TOO_MANY_EMAILS);
      expect(await app.mailbox(email)).toHaveLength(addressLimit);
    }
  });

  test("the refusal says when to come back: Retry-After and X-Retry-After, the rest of the window", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const email = uniqueEmail("retry-after");
    await inSequence(addressLimit, () => sendLink(email));
    vi.advanceTimersByTime(60_000);
    const refused = await sendLink(email);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("540");
    expect(refused.headers.get("x-retry-after")).toBe("540");
  });

  test("the window lasts 10 minutes, then opens again", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const email = uniqueEmail("window");
    await inSequence(addressLimit, () => sendLink(email));
    vi.advanceTimersByTime(9.5 * 60_000);
    const late = await sendLink(email);
    expect(late.status).toBe(429);
    expect(Number(late.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    vi.advanceTimersByTime(60_000);
    expect((await sendLink(email)).status).toBe(200);
  });

  test("is counted per normalised address: 'A@X.COM ' and 'a@x.com' share one count", async () => {
    const email = uniqueEmail("case");
    const spellings = [` ${email.toUpperCase()} `, email, email.replace(/^./, (first) => first.toUpperCase()), `${email}\t`];
    const responses = await inSequence(spellings.length, (index) => sendLink(spellings[index]));
    expect(statusesOf(responses)).toEqual([...Array(addressLimit).fill(200), 429]);
    expect(await app.mailbox(email)).toHaveLength(addressLimit);
  });

  test("is counted per inbox: 'name+tag@' and Gmail's dotted spellings share the address's count", async () => {
    const local = `flood${Date.now().toString(36)}`;
    const email = `${local}@example.com`;
    await inSequence(addressLimit, () => sendLink(email));
    for (const variant of [`${local}+1@example.com`, `${local}+2@example.com`, `${local.toUpperCase()}+3@EXAMPLE.COM`]) {
      const refused = await sendLink(variant);
      expect(refused.status, variant).toBe(429);
      expect(await json(refused)).toEqual(TOO_MANY_EMAILS);
    }
    const gmail = `${local}@gmail.com`;
    await inSequence(addressLimit, () => sendLink(gmail));
    const dotted = `${local.slice(0, 2)}.${local.slice(2, 5)}.${local.slice(5)}`;
    for (const variant of [`${dotted}@gmail.com`, `${dotted}+x@googlemail.com`]) {
      expect((await sendLink(variant)).status, variant).toBe(429);
    }
    // None of them reached the inbox; elsewhere than Gmail, dots still name another mailbox.
    expect(await app.mailbox(`${local}+1@example.com`)).toHaveLength(0);
    expect((await sendLink(`${dotted}@example.com`)).status).toBe(200);
  });

  test("an address with a +tag is still an account of its own, under the address as typed", async () => {
    const email = `${uniqueEmail("tagged").replace("@", "+news@")}`;
    const browser = app.device();
    await browser.confirm(await app.requestLink(email, {}, browser));
    expect((await browser.session())?.user.email).toBe(email);
  });

  test("links and codes share it, whichever endpoint asks", async () => {
    const email = uniqueEmail("shared-limit");
    const sends = [sendLink, sendCode, sendLink, sendCode];
    const responses = await inSequence(addressLimit + 1, (index) => sends[index % sends.length](email));
    expect(statusesOf(responses)).toEqual([...Array(addressLimit).fill(200), 429]);
    expect(await app.mailbox(email)).toHaveLength(addressLimit);
  });
});

describe("code checks per address (10 a day)", () => {
  test("brute force from many clients: 3 tries per code, then 10 checks a day; the link still signs its owner in", async () => {
    const email = uniqueEmail("brute");
    await app.requestLink(email);
    const code = await app.latestCode(email);
    // Wrong every time, and never the same guess twice.
    const nthWrongCode = (attempt: number) => String((Number(code) + attempt + 1) % 1_000_000).padStart(6, "0");
    const responses = await inSequence(12, (attempt) => guess(email, nthWrongCode(attempt)));
    // Three wrong tries, then the dead code's 403, then "no code" until the address's daily checks run out.
    expect(statusesOf(responses)).toEqual([400, 400, 400, 403, 400, 400, 400, 400, 400, 400, 429, 429]);
    // A fresh code, asked for by the attacker or the owner, buys no more guesses: even the right one waits.
    const link = await app.requestLink(email);
    const limited = await guess(email, await app.latestCode(email));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(23 * 60 * 60);
    expect(await json(limited)).toEqual(TOO_MANY);
    expect(await app.userByEmail(email)).toBeNull();
    // The owner, who holds the email, still signs in with its link.
    expect((await app.device().confirm(link)).headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
  });

  test("is counted per normalised address, and opens again after a day", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const email = uniqueEmail("daily");
    const spellings = [email, email.toUpperCase(), ` ${email} `];
    const responses = await inSequence(11, (index) => guess(spellings[index % spellings.length], "000000"));
    expect(statusesOf(responses)).toEqual([...Array(10).fill(400), 429]);
    vi.advanceTimersByTime(24 * 60 * 60_000);
    await app.requestLink(email);
    expect((await guess(email, await app.latestCode(email))).status).toBe(200);
  });

  test("a malformed code is refused before it is counted: the address keeps all 10 checks", async () => {
    const email = uniqueEmail("malformed-free");
    const malformed = await inSequence(15, () => guess(email, "12a"));
    expect(new Set(statusesOf(malformed))).toEqual(new Set([400]));
    const checks = await inSequence(11, () => guess(email, "000000"));
    expect(statusesOf(checks)).toEqual([...Array(10).fill(400), 429]);
  });
});

describe("per client IP", () => {
  // The clock stands still: however slow the machine, no window ends halfway through a test.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  });

  test(`sending links: MAGIC_LINK_RATE_LIMIT a minute (here ${perIpLimit}); a forged X-Forwarded-For changes nothing`, async () => {
    const client = app.device();
    const responses = await inSequence(perIpLimit + 2, (index) =>
      client.post("/sign-in/magic-link", { email: uniqueEmail("per-ip") }, { headers: { "x-forwarded-for": `203.0.113.${index}` } }),
    );
    expect(statusesOf(responses)).toEqual([...Array(perIpLimit).fill(200), 429, 429]);
    expect(Number(responses.at(-1)!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json(responses.at(-1)!)).message).toBe("Too many requests. Please try again later.");
  });

  test("code checks: the same limit a minute, each for a different address", async () => {
    const client = app.device();
    const responses = await inSequence(perIpLimit + 3, () =>
      client.post("/sign-in/email-otp", { email: uniqueEmail("per-ip"), otp: "123456" }),
    );
    expect(statusesOf(responses)).toEqual([...Array(perIpLimit).fill(400), 429, 429, 429]);
  });

  test("password sign-in keeps better-auth's stricter limit (3 per 10 s per client)", async () => {
    const client = app.device();
    const responses = await inSequence(5, (attempt) =>
      client.post("/sign-in/email", { email: "nobody@example.com", password: `guess-number-${attempt}` }),
    );
    expect(statusesOf(responses)).toEqual([401, 401, 401, 429, 429]);
  });

  test("reads are not limited: 150 get-session requests from one client all answer, and count nowhere", async () => {
    const client = app.device();
    const responses = await Promise.all(Array.from({ length: 150 }, () => client.get("/get-session")));
    expect(statusesOf(responses).filter((status) => status !== 200)).toEqual([]);
    // Without Redis, per-IP counters are rows of address_rate_limit keyed by a hash of "client:" + ip + "|" + path
    // (lib/platform/rate-limit.ts). One limited request from the same client shows where a count would be.
    await client.post("/sign-in/email", { email: "nobody@example.com", password: "not-the-password" });
    const counted = async (path: string) => {
      const key = createHash("sha256").update(`client:${client.ip}|${path}`).digest("base64url");
      return (await app.db.addressRateLimit.findMany({ where: { key } })).map((row) => row.count);
    };
    expect(await counted("/sign-in/email")).toEqual([1]);
    expect(await counted("/get-session")).toEqual([]);
  });
});
