import { createHash, randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { baseURL, TEST_DATABASE_FILES, TEST_PORTS } from "./config";

/** A fresh address per test, so tests never see each other's emails or accounts. */
export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@example.com`;

/** A fresh 64-character address, one unbroken word: what breaks a layout that does not wrap. */
export const longEmail = (label = "user") =>
  `${`${label}-${randomUUID().slice(0, 8)}-`.padEnd(64 - "@example.com".length, "x")}@example.com`;

/** A 100-character name (the longest accepted) with no space to break at. */
export const LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff".repeat(3).slice(0, 100);

export interface MailboxEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  createdAt: string;
}

/** The emails the server stored for an address, newest first, read over HTTP like any script would. */
export async function mailboxFor(request: APIRequestContext, to: string, port: number = TEST_PORTS.main) {
  const response = await request.get(`${baseURL(port)}/api/dev/mailbox?to=${encodeURIComponent(to)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as MailboxEmail[];
}

/** The first link in the newest email to an address under `path`, waiting briefly for it to arrive. */
export async function latestLink(
  request: APIRequestContext,
  to: string,
  port: number = TEST_PORTS.main,
  path = "/sign-in/confirm",
) {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const [email] = await mailboxFor(request, to, port);
      link = email?.text.match(/https?:\/\/\S+/g)?.find((url) => {
        const { pathname } = new URL(url);
        return pathname === path || pathname.startsWith(`${path}/`);
      });
      return link;
    })
    .toBeTruthy();
  return new URL(link!);
}

/** The API's own verify URL for an emailed link (same query): what clients calling the protocol use. */
export function verifyUrl(link: URL) {
  const url = new URL(link);
  url.pathname = "/api/auth/magic-link/verify";
  return url;
}

/** better-auth's identifier for a token stored hashed (storeToken: "hashed"). */
export const storedIdentifier = (token: string) =>
  `magic-link:${createHash("sha256").update(token).digest("base64url")}`;

/** Asks for a magic link over the wire protocol and returns the link from the mailbox. */
export async function requestLink(
  request: APIRequestContext,
  email: string,
  body: Record<string, string> = {},
  port: number = TEST_PORTS.main,
) {
  const response = await request.post(`${baseURL(port)}/api/auth/sign-in/magic-link`, {
    data: { email, callbackURL: "/dashboard", ...body },
    // What a browser sends; the server refuses cookie-carrying requests without it (CSRF).
    headers: { origin: baseURL(port) },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: true });
  return latestLink(request, email, port);
}

/** Asks for a sign-in email with exactly this body and these headers: the answer, whatever it is. */
export const sendLink = (request: APIRequestContext, data: Record<string, unknown>, headers: Record<string, string> = {}) =>
  request.post("/api/auth/sign-in/magic-link", { data, headers });

/** None of the answers is a server error. */
export async function expectNoServerError(responses: APIResponse[]) {
  const statuses = responses.map((response) => response.status());
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
}

/** What a request from another site's page carries: its Origin, and the browser's own fetch metadata. */
export const CROSS_SITE_HEADERS = { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" };

export { UNSAFE_ADDRESSES } from "../tests/support/payloads";

/** The test database the servers use, for what only the database can tell (rows) or change (time). */
export function testDatabase(server: TestServer = "main") {
  // The server writes to the same file: wait for its locks.
  return createClient({ url: `file:${TEST_DATABASE_FILES[server]}`, timeout: 10_000 });
}

/** Moves a verification row's expiry into the past, as if its lifetime had passed, without waiting for it. */
async function expire(identifier: string) {
  const db = testDatabase();
  try {
    const result = await db.execute({
      sql: "UPDATE verification SET expiresAt = ? WHERE identifier = ?",
      args: [new Date(Date.now() - 1000).toISOString(), identifier],
    });
    expect(result.rowsAffected).toBe(1);
  } finally {
    db.close();
  }
}

export const expireLink = (link: URL) => expire(storedIdentifier(link.searchParams.get("token")!));

/** An address's sign-in code, as better-auth names it ("sign-in-otp-" + email). */
export const expireCode = (email: string) => expire(`sign-in-otp-${email}`);

type TestServer = keyof typeof TEST_DATABASE_FILES;

/** One statement on a test server's database: its rows. */
async function query(server: TestServer, sql: string, args: (string | number)[]) {
  const db = testDatabase(server);
  try {
    return (await db.execute({ sql, args })).rows;
  } finally {
    db.close();
  }
}

export const usersWithEmail = (email: string, server: TestServer = "main") =>
  query(server, "SELECT id FROM user WHERE email = ?", [email]);

/** How many magic-link rows the database holds for an address (used or not, expired or not). */
export async function magicLinkRowsFor(email: string, server: TestServer = "main") {
  const [{ n }] = await query(
    server,
    "SELECT count(*) AS n FROM verification WHERE identifier LIKE 'magic-link:%' AND value LIKE ?",
    [`%"email":${JSON.stringify(email)}%`],
  );
  return Number(n);
}

/** The sign-in code in the newest email to an address, waiting briefly for it to arrive. */
export async function latestCode(request: APIRequestContext, to: string, port: number = TEST_PORTS.main) {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const [email] = await mailboxFor(request, to, port);
      code = email?.text.match(/\b\d{6}\b/)?.[0];
      return code;
    })
    .toBeTruthy();
  return code!;
}

/** Signs in with a code over the wire protocol, as the official client's signIn.emailOtp does. */
export function signInWithCode(request: APIRequestContext, email: string, otp: unknown, port: number = TEST_PORTS.main) {
  return request.post(`${baseURL(port)}/api/auth/sign-in/email-otp`, {
    data: { email, otp },
    headers: { origin: baseURL(port) },
  });
}

/** A wrong code: the right one with the digits at `positions` (all of them by default) changed. */
export const wrongCode = (code: string, positions = [0, 1, 2, 3, 4, 5]) =>
  [...code].map((digit, index) => (positions.includes(index) ? String((Number(digit) + 1) % 10) : digit)).join("");

/** Gives the sign-up-closed server a member, as an invitation would. */
export async function addMember(email: string) {
  const now = new Date().toISOString();
  await query(
    "signUpDisabled",
    'INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)',
    [randomUUID(), "Member", email, now, now],
  );
}

/** How many sessions the address's account has. */
export async function sessionsFor(email: string, server: TestServer = "main") {
  const [{ n }] = await query(
    server,
    'SELECT count(*) AS n FROM session JOIN "user" ON session.userId = "user".id WHERE "user".email = ?',
    [email],
  );
  return Number(n);
}

/** POSTs the confirmation page's form, as its Continue button does. */
export const confirm = (request: APIRequestContext, link: URL, headers: Record<string, string> = {}) =>
  request.post("/api/auth/magic-link/confirm", {
    form: Object.fromEntries(link.searchParams),
    headers: { "sec-fetch-site": "same-origin", ...headers },
    maxRedirects: 0,
  });

export const setCookieOf = (response: APIResponse) =>
  response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value);

/** Makes every session of an address older than the fresh-sign-in window, as if it signed in yesterday. */
export async function ageSessions(email: string) {
  const db = testDatabase();
  try {
    await db.execute({
      sql: "UPDATE session SET createdAt = ? WHERE userId = (SELECT id FROM user WHERE email = ?)",
      args: [new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString(), email],
    });
  } finally {
    db.close();
  }
}
