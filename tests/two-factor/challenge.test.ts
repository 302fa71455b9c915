import { describe, expect, test } from "vitest";
import {
  APP_ORIGIN,
  json,
  newClientIp,
  startAuthServer,
  uniqueEmail,
  verifyUrl,
  wrongCode,
  type Device,
} from "../support/auth-server";
import { secretOf, totp } from "../support/totp";

/**
 * The second factor (an authenticator app's code, or a backup code) after every first factor: the emailed link
 * (the confirmation page and the API's GET), the emailed code and the password (lib/two-factor/). Codes are
 * computed from the secret, as the app does. better-auth allows 3 two-factor requests per 10 s per client
 * address: each try here comes from an address of its own, the same browser (its cookies) seen from elsewhere.
 */

// Sign-ins here are many to few addresses: the per-address email limit is not what these tests are about.
const app = await startAuthServer({ MAGIC_LINK_ADDRESS_LIMIT: "20" });

const PASSWORD = "correct horse battery";
const CHALLENGE = { twoFactorRedirect: true, twoFactorMethods: ["totp"] };

/** A request's options that send it from a client address of its own. */
const elsewhere = () => ({ headers: { "x-real-ip": newClientIp() } });

/**
 * A new account with two-factor on, signed out: its address, secret and backup codes. It signs in with links,
 * so a fresh sign-in is all turning two-factor on asks; with `password`, it has a password too.
 */
async function twoFactorUser({ password = false } = {}) {
  const email = uniqueEmail("2fa");
  const setup = await app.signedIn(email);
  if (password) expect((await setup.post("/account/set-password", { newPassword: PASSWORD })).status).toBe(200);
  const enabled = await setup.post("/two-factor/enable", password ? { password: PASSWORD } : {});
  expect(enabled.status).toBe(200);
  const { totpURI, backupCodes } = await json<{ totpURI: string; backupCodes: string[] }>(enabled);
  const secret = secretOf(totpURI);
  expect((await setup.post("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
  return { email, secret, backupCodes, userId: (await app.userByEmail(email))!.id };
}

/** The first factor by an emailed link, on a browser of its own: the way to the two-factor page, not a session. */
async function signInByLink(email: string) {
  const browser = app.device();
  const response = await browser.confirm(await app.requestLink(email));
  expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in/two-factor?callbackURL=%2Fdashboard`);
  return browser;
}

/** How the account's newest session signed in. */
const newestSignInMethod = async (userId: string) =>
  (await app.db.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } })).signInMethod;

/** No session: get-session is null and the account endpoints refuse. */
async function expectNoSession(browser: Device) {
  expect(await browser.session()).toBeNull();
  expect((await browser.get("/account/password")).status).toBe(401);
}

const verifyTotp = (browser: Device, code: unknown) => browser.post("/two-factor/verify-totp", { code }, elsewhere());

describe("turning two-factor on", () => {
  test("the app's first code proves it: the account has two-factor on, and the activity log says so", async () => {
    const { email, userId } = await twoFactorUser();
    expect((await app.userByEmail(email))!.twoFactorEnabled).toBe(true);
    expect((await app.activity({ userId, type: "two_factor.enabled" })).length).toBe(1);
  });
});

describe("every first factor is challenged", () => {
  test("the API's GET verify: JSON without a callbackURL, a redirect to the two-factor page with one", async () => {
    const { email, secret, userId } = await twoFactorUser();
    const browser = app.device();
    const api = verifyUrl(await app.requestLink(email));
    api.searchParams.delete("callbackURL");
    const answer = await browser.get(api);
    expect(answer.status).toBe(200);
    expect(await json(answer)).toEqual(CHALLENGE);
    const cookies = answer.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/better-auth\.two_factor=/);
    expect(cookies).not.toMatch(/better-auth\.session_token=[^;]/);
    await expectNoSession(browser);

    const verified = await verifyTotp(browser, totp(secret));
    expect(verified.status).toBe(200);
    expect((await browser.session())?.user.email).toBe(email);
    expect(await newestSignInMethod(userId)).toBe("link+totp");

    const redirected = await app.device().get(verifyUrl(await app.requestLink(email, { callbackURL: "/account" })));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in/two-factor?callbackURL=%2Faccount`);
  });

  test("the emailed code, and the official twoFactorClient finishing the sign-in", async () => {
    const { email, secret } = await twoFactorUser();
    const browser = app.device();
    expect((await browser.client.emailOtp.sendVerificationOtp({ email, type: "sign-in" })).error).toBeNull();
    const first = await browser.client.signIn.emailOtp({ email, otp: await app.latestCode(email) });
    expect(first.error).toBeNull();
    expect(first.data).toEqual(CHALLENGE);
    expect(browser.cookies.has("better-auth.two_factor")).toBe(true);
    expect(browser.cookies.has("better-auth.session_token")).toBe(false);
    const second = await browser.client.twoFactor.verifyTotp({ code: totp(secret) });
    expect(second.error).toBeNull();
    expect(second.data?.user.email).toBe(email);
    expect((await browser.client.getSession()).data?.user.email).toBe(email);
  });

  test("the password: the challenge, then the code; the session says both", async () => {
    const { email, secret, userId } = await twoFactorUser({ password: true });
    const browser = app.device();
    const response = await browser.post("/sign-in/email", { email, password: PASSWORD });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(CHALLENGE);
    await expectNoSession(browser);
    expect((await verifyTotp(browser, totp(secret))).status).toBe(200);
    expect(await newestSignInMethod(userId)).toBe("password+totp");
  });

  test("no emailed link, old or new, is a way around it: the Continue button leads to the two-factor page", async () => {
    const { email } = await twoFactorUser();
    const older = await app.requestLink(email);
    const newer = await app.requestLink(email);
    const browser = app.device();
    expect((await browser.confirm(older)).headers.get("location")).toContain("error=INVALID_TOKEN");
    const challenged = await browser.confirm(newer);
    expect(challenged.status).toBe(303);
    expect(challenged.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in/two-factor?callbackURL=%2Fdashboard`);
    await expectNoSession(browser);
  });
});

describe("the pending sign-in", () => {
  test("its cookie works once, nowhere else, and only with its own user's code", async () => {
    const [alice, bob] = [await twoFactorUser(), await twoFactorUser()];
    const browser = await signInByLink(alice.email);
    const pending = new Map(browser.cookies);

    const bobsCode = await verifyTotp(browser, totp(bob.secret));
    expect(bobsCode.status).toBe(401);
    expect((await json(bobsCode)).code).toBe("INVALID_CODE");

    const noCookie = await app.device().post("/two-factor/verify-totp", { code: totp(alice.secret) });
    expect(noCookie.status).toBe(401);
    expect((await json(noCookie)).code).toBe("INVALID_TWO_FACTOR_COOKIE");

    expect((await verifyTotp(browser, totp(alice.secret))).status).toBe(200);
    // The same cookie again, replayed from another client after it was used.
    const replayer = app.device({ cookies: pending });
    expect((await replayer.post("/two-factor/verify-totp", { code: totp(alice.secret) })).status).toBe(401);
    expect(await replayer.session()).toBeNull();
  });

  test("5 wrong codes end a pending sign-in; 10 in a row lock the account", async () => {
    const { email, secret } = await twoFactorUser();
    const wrong = wrongCode(totp(secret));
    const tries = async (browser: Device, count: number) => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < count; attempt++) statuses.push((await verifyTotp(browser, wrong)).status);
      return statuses;
    };
    const first = await signInByLink(email);
    expect(await tries(first, 5)).toEqual([401, 401, 401, 401, 401]);
    const ended = await verifyTotp(first, totp(secret));
    expect(ended.status).toBe(400);
    expect((await json(ended)).code).toBe("TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");

    expect(await tries(await signInByLink(email), 5)).toEqual([401, 401, 401, 401, 401]);
    const last = await signInByLink(email);
    const locked = await verifyTotp(last, totp(secret));
    expect(locked.status).toBe(429);
    expect((await json(locked)).code).toBe("ACCOUNT_TEMPORARILY_LOCKED");
    expect(await last.session()).toBeNull();
  });

  test("the two-factor page knows at once whether one is waiting: none before, none once used, ended or expired", async () => {
    // What the page asks (server-only: no route), with the browser's cookies.
    const { auth } = await import("@/lib/auth");
    const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const waiting = async (cookies: Map<string, string>) =>
      (await auth.api.pendingTwoFactorSignIn({ headers: new Headers({ cookie: cookieHeader(cookies) }) })).pending;

    const { email, secret, userId } = await twoFactorUser();
    expect(await waiting(app.device().cookies)).toBe(false);
    expect(await waiting((await app.signedIn()).cookies)).toBe(false);

    const used = await signInByLink(email);
    expect(await waiting(used.cookies)).toBe(true);
    const forged = new Map(used.cookies).set("better-auth.two_factor", "made-up.signature");
    expect(await waiting(forged)).toBe(false);
    expect((await verifyTotp(used, totp(secret))).status).toBe(200);
    expect(await waiting(used.cookies)).toBe(false);

    const ended = await signInByLink(email);
    for (let attempt = 0; attempt < 5; attempt++) await verifyTotp(ended, wrongCode(totp(secret)));
    expect((await json(await verifyTotp(ended, totp(secret)))).code).toBe("TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
    expect(await waiting(ended.cookies)).toBe(false);

    const expired = await signInByLink(email);
    expect(await waiting(expired.cookies)).toBe(true);
    await app.db.verification.updateMany({ where: { value: userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await waiting(expired.cookies)).toBe(false);
  });

  test("a backup code signs in instead, once", async () => {
    const { email, backupCodes, userId } = await twoFactorUser();
    const browser = await signInByLink(email);
    const used = await browser.post("/two-factor/verify-backup-code", { code: backupCodes[0] }, elsewhere());
    expect(used.status).toBe(200);
    expect((await json<{ user: { email: string } }>(used)).user.email).toBe(email);
    expect(await newestSignInMethod(userId)).toBe("link+backup_code");
    const again = await signInByLink(email);
    const reused = await again.post("/two-factor/verify-backup-code", { code: backupCodes[0] }, elsewhere());
    expect(reused.status).toBe(401);
    expect((await json(reused)).code).toBe("INVALID_BACKUP_CODE");
    expect((await app.activity({ userId, type: "backup_code.used" })).length).toBe(1);
  });

  test("garbage codes and bodies get 4xx, never 5xx", async () => {
    const { email } = await twoFactorUser();
    const browser = await signInByLink(email);
    const bodies: (Record<string, unknown> | string)[] = [
      { code: null },
      { code: 123456 },
      { code: ["123456"] },
      { code: { $gt: "" } },
      { code: "x".repeat(5000) },
      { code: "' OR 1=1 --" },
      { code: "123456", trustDevice: "yes" },
      "not json",
    ];
    for (const path of ["/two-factor/verify-totp", "/two-factor/verify-backup-code"]) {
      for (const body of bodies) {
        const response = await browser.post(path, body, elsewhere());
        expect([400, 401], `${path} ${JSON.stringify(body)}`).toContain(response.status);
      }
    }
  });
});

describe("turning it off", () => {
  test("needs a current code or a backup code, and a fresh sign-in; then the next link signs straight in", async () => {
    const { email, secret, backupCodes, userId } = await twoFactorUser();
    const browser = await signInByLink(email);
    expect((await verifyTotp(browser, totp(secret))).status).toBe(200);

    const disable = (body: Record<string, unknown>) => browser.post("/two-factor/disable", body, elsewhere());
    for (const body of [{}, { code: "" }, { code: wrongCode(totp(secret)) }, { code: "aaaaa-bbbbb" }, { code: 123456 }]) {
      const refused = await disable(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((await json(refused)).code).toBe("INVALID_CODE");
    }
    // Signed in yesterday, as far as the session knows.
    await app.db.session.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 24 * 60 * 60 * 1000) } });
    const stale = await disable({ code: totp(secret) });
    expect(stale.status).toBe(403);
    expect((await json(stale)).code).toBe("SESSION_NOT_FRESH");

    const fresh = await signInByLink(email);
    expect((await fresh.post("/two-factor/verify-backup-code", { code: backupCodes[1] }, elsewhere())).status).toBe(200);
    expect((await fresh.post("/two-factor/disable", { code: backupCodes[2] }, elsewhere())).status).toBe(200);
    expect((await app.userByEmail(email))!.twoFactorEnabled).toBe(false);
    expect((await app.activity({ userId, type: "two_factor.disabled" })).length).toBe(1);
    const next = await app.device().confirm(await app.requestLink(email, { callbackURL: "/account" }));
    expect(next.headers.get("location")).toBe(`${APP_ORIGIN}/account`);
  });
});
