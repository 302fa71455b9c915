import { createHash, randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { expect, type APIRequestContext } from "@playwright/test";
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

/** The test database the servers use, for what only the database can tell (rows) or change (time). */
export function testDatabase(server: keyof typeof TEST_DATABASE_FILES = "main") {
  // The server writes to the same file: wait for its locks.
  return createClient({ url: `file:${TEST_DATABASE_FILES[server]}`, timeout: 10_000 });
}

/** Moves a link's expiry into the past, as if its lifetime had passed, without waiting for it. */
export async function expireLink(link: URL) {
  const db = testDatabase();
  try {
    const result = await db.execute({
      sql: "UPDATE verification SET expiresAt = ? WHERE identifier = ?",
      args: [new Date(Date.now() - 1000).toISOString(), storedIdentifier(link.searchParams.get("token")!)],
    });
    expect(result.rowsAffected).toBe(1);
  } finally {
    db.close();
  }
}

export async function usersWithEmail(email: string, server: keyof typeof TEST_DATABASE_FILES = "main") {
  const db = testDatabase(server);
  try {
    return (await db.execute({ sql: "SELECT id FROM user WHERE email = ?", args: [email] })).rows;
  } finally {
    db.close();
  }
}

/** How many magic-link rows the database holds for an address (used or not, expired or not). */
export async function magicLinkRowsFor(email: string, server: keyof typeof TEST_DATABASE_FILES = "main") {
  const db = testDatabase(server);
  try {
    const { rows } = await db.execute({
      sql: "SELECT count(*) AS n FROM verification WHERE identifier LIKE 'magic-link:%' AND value LIKE ?",
      args: [`%"email":${JSON.stringify(email)}%`],
    });
    return Number(rows[0].n);
  } finally {
    db.close();
  }
}

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
