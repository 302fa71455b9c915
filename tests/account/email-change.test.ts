import { describe, expect, test } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail, type Device } from "../support/auth-server";

/**
 * Changing the sign-in email: only the newest request's link works (lib/account/pending-email-change.ts). An
 * earlier request's link, or a cancelled one, is refused on the confirmation page's POST and on the API's own
 * GET /verify-email, with or without a session, and changes nothing. The account area shows the pending change
 * and can cancel it.
 */

const app = await startAuthServer();
const { pendingEmailChange } = await import("@/lib/account/pending-email-change");
const { usableEmailChange } = await import("@/lib/account/email-change");

const CONFIRM_PAGE = "/email-change/confirm";
const CANCEL = "/account/cancel-email-change";

/** A signed-in account, its id and address. */
async function member(label = "member") {
  const email = uniqueEmail(label);
  const browser = await app.signedIn(email);
  const userId = (await browser.session())!.user.id;
  return { email, browser, userId };
}

/** Asks for a change as the profile page does, and returns the link emailed to the new address. */
async function requestChange(browser: Device, newEmail: string) {
  const response = await browser.post("/change-email", { newEmail });
  expect(response.status).toBe(200);
  return app.latestLink(newEmail, CONFIRM_PAGE);
}

/** The confirmation page's button: its form POSTed from the page itself. */
const confirmChange = (from: Device, link: URL) =>
  from.post("/verify-email/confirm", { token: link.searchParams.get("token")!, callbackURL: "/account?emailChanged=1" }, {
    form: true,
    headers: { "sec-fetch-site": "same-origin" },
  });

/** The API's own GET /verify-email, as clients of the protocol call it. */
function verifyUrl(link: URL, callbackURL?: string) {
  const url = new URL("/api/auth/verify-email", APP_ORIGIN);
  url.searchParams.set("token", link.searchParams.get("token")!);
  if (callbackURL) url.searchParams.set("callbackURL", callbackURL);
  return url;
}

const emailOf = async (userId: string) => (await app.db.user.findUnique({ where: { id: userId } }))?.email;
const pendingRows = (userId: string) => app.db.verification.count({ where: { identifier: `email-change:${userId}` } });

/** Every way a link can be used, each expected to be refused as an unusable token. */
async function expectRefusedEverywhere(link: URL, browser: Device) {
  for (const from of [browser, app.device()]) {
    const confirmed = await confirmChange(from, link);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe("/account?emailChanged=1&error=INVALID_TOKEN");

    const withoutCallback = await from.get(verifyUrl(link));
    expect(withoutCallback.status).toBe(401);
    expect(await json(withoutCallback)).toMatchObject({ code: "INVALID_TOKEN" });

    const withCallback = await from.get(verifyUrl(link, "/account"));
    expect(withCallback.status).toBe(302);
    expect(withCallback.headers.get("location")).toBe("/account?error=INVALID_TOKEN");
  }
  expect(await usableEmailChange(link.searchParams.get("token"))).toBeNull();
}

describe("only the newest request's link works", () => {
  test("the newest link changes the address, and the pending change is gone after", async () => {
    const { browser, userId } = await member("newest");
    await requestChange(browser, uniqueEmail("typo"));
    const right = uniqueEmail("right");
    const link = await requestChange(browser, right);
    expect(await usableEmailChange(link.searchParams.get("token"))).toMatchObject({ updateTo: right });

    const response = await confirmChange(browser, link);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account?emailChanged=1");
    expect(await emailOf(userId)).toBe(right);
    expect(await pendingRows(userId)).toBe(0);
    expect(await pendingEmailChange(userId)).toBeNull();
  });

  test("an older request's link is refused, with or without a session, and changes nothing", async () => {
    const { email, browser, userId } = await member("older");
    const typo = uniqueEmail("typo");
    const older = await requestChange(browser, typo);
    const right = uniqueEmail("right");
    const newest = await requestChange(browser, right);

    await expectRefusedEverywhere(older, browser);
    // Never a redirect to another site: better-auth's own answer for an untrusted callbackURL.
    const elsewhere = await app.device().get(verifyUrl(older, "https://evil.example/"));
    expect(elsewhere.status).toBe(403);
    expect(await json(elsewhere)).toMatchObject({ code: "INVALID_CALLBACK_URL" });
    expect(await emailOf(userId)).toBe(email);
    expect(await app.userByEmail(typo)).toBeNull();

    // The refusals spent nothing: the newest link still works.
    expect((await app.device().get(verifyUrl(newest))).status).toBe(200);
    expect(await emailOf(userId)).toBe(right);
  });

  test("asking for a taken address retires the earlier link too, as a free address would", async () => {
    const { browser, userId, email } = await member("then-taken");
    const earlier = await requestChange(browser, uniqueEmail("free"));
    const { email: taken } = await member("owner");
    expect((await browser.post("/change-email", { newEmail: taken })).status).toBe(200);
    expect(await pendingEmailChange(userId)).toMatchObject({ newEmail: taken });
    expect((await app.device().get(verifyUrl(earlier))).status).toBe(401);
    expect(await emailOf(userId)).toBe(email);
  });

  test("a sign-up confirmation link is not an email change: it still confirms the address", async () => {
    const { email } = await app.passwordAccount();
    expect((await app.userByEmail(email))?.emailVerified).toBe(true);
  });
});

describe("the account area shows the pending change", () => {
  test("the newest request's address, until its link's expiry", async () => {
    const { browser, userId } = await member("shown");
    expect(await pendingEmailChange(userId)).toBeNull();
    await requestChange(browser, uniqueEmail("first"));
    const second = uniqueEmail("second");
    await requestChange(browser, second);
    const pending = await pendingEmailChange(userId);
    expect(pending?.newEmail).toBe(second);
    const minutesLeft = (pending!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(55);
    expect(minutesLeft).toBeLessThanOrEqual(60);
  });
});

describe("cancelling the pending change", () => {
  test("its link is then refused everywhere, and the account keeps its address", async () => {
    const { email, browser, userId } = await member("cancel");
    const newEmail = uniqueEmail("cancelled");
    const link = await requestChange(browser, newEmail);

    const response = await browser.post(CANCEL);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: true });
    expect(await pendingEmailChange(userId)).toBeNull();

    await expectRefusedEverywhere(link, browser);
    expect(await emailOf(userId)).toBe(email);
    expect(await app.activity({ userId, type: "email.change_cancelled" })).toMatchObject([{ details: { to: newEmail } }]);
  });

  test("through the official client", async () => {
    const { browser, userId } = await member("cancel-client");
    await requestChange(browser, uniqueEmail("client"));
    const { data, error } = await browser.client.$fetch(CANCEL, { method: "POST" });
    expect(error).toBeNull();
    expect(data).toEqual({ status: true });
    expect(await pendingEmailChange(userId)).toBeNull();
  });

  test("needs a session: without one it answers 401 and nothing is cancelled", async () => {
    const { browser, userId } = await member("no-session");
    const newEmail = uniqueEmail("kept");
    const link = await requestChange(browser, newEmail);
    const response = await app.device().post(CANCEL, { userId });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ code: "UNAUTHORIZED" });
    expect((await app.device().get(verifyUrl(link))).status).toBe(200);
    expect(await emailOf(userId)).toBe(newEmail);
  });

  test("acts only on the signed-in user's own change, whatever the request says", async () => {
    const other = await member("other");
    const otherNewEmail = uniqueEmail("other-new");
    const otherLink = await requestChange(other.browser, otherNewEmail);
    const { browser, userId } = await member("canceller");
    await requestChange(browser, uniqueEmail("mine"));

    // Another account's id is ignored; a body that is not JSON is refused before anything is done.
    const answers: [body: Record<string, unknown> | string, status: number][] = [
      ['{"userId":', 400],
      ["\u0000garbage", 400],
      [{ userId: other.userId }, 200],
      [{ id: other.userId, identifier: `email-change:${other.userId}` }, 200],
      ["[]", 200],
    ];
    for (const [body, status] of answers) {
      expect((await browser.post(CANCEL, body)).status, JSON.stringify(body)).toBe(status);
    }
    expect(await pendingEmailChange(userId)).toBeNull();
    expect(await pendingEmailChange(other.userId)).toMatchObject({ newEmail: otherNewEmail });
    expect((await app.device().get(verifyUrl(otherLink))).status).toBe(200);
    expect(await emailOf(other.userId)).toBe(otherNewEmail);
  });

  test("with nothing pending, answers the same and records nothing", async () => {
    const { browser, userId } = await member("nothing");
    const response = await browser.post(CANCEL);
    expect(response.status).toBe(200);
    expect(await app.activity({ userId, type: "email.change_cancelled" })).toEqual([]);
  });
});
