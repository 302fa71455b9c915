import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { describe, expect, test } from "vitest";
import { ENDPOINTS } from "@/lib/common/paths";
import { parseEnv } from "@/lib/platform/env";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * AUTH_PASSWORD, AUTH_PASSKEYS and AUTH_TWO_FACTOR all "false": every endpoint of the three answers 404 and sends
 * nothing, and an account that had a password, a passkey and two-factor on before signs in by email in one step.
 */

const app = await startAuthServer({ AUTH_PASSWORD: "false", AUTH_PASSKEYS: "false", AUTH_TWO_FACTOR: "false" });

const PASSWORD = "correct horse battery";
const NOT_FOUND = { code: "NOT_FOUND", message: "This app does not use passwords: sign in with your email." };

/**
 * An account as one made before the switches were turned off: a password, a passkey and two-factor on, written
 * to the database as better-auth and @better-auth/passkey write them.
 */
async function accountWithEverything() {
  const email = uniqueEmail("had-it-all");
  const { id: userId } = await app.addMember(email);
  await app.db.account.create({
    data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: await hashPassword(PASSWORD) },
  });
  await app.db.passkey.create({
    data: {
      id: randomUUID(),
      name: "Laptop",
      publicKey: randomBytes(77).toString("base64"),
      userId,
      credentialID: randomBytes(16).toString("base64url"),
      counter: 0,
      deviceType: "singleDevice",
      backedUp: false,
    },
  });
  await app.db.twoFactor.create({ data: { id: randomUUID(), secret: "encrypted-secret", backupCodes: "encrypted-codes", userId } });
  await app.db.user.update({ where: { id: userId }, data: { twoFactorEnabled: true } });
  return { email, userId };
}

describe("the switches are validated at start", () => {
  const secret = "s".repeat(32);

  test("each is on by default and off with false; another word is refused, naming the variable and the values", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret })).toMatchObject({ AUTH_PASSWORD: true, AUTH_PASSKEYS: true, AUTH_TWO_FACTOR: true });
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, AUTH_PASSKEYS: "false" })).toMatchObject({ AUTH_PASSWORD: true, AUTH_PASSKEYS: false });
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, AUTH_PASSWORD: "maybe" })).toThrow(
      /AUTH_PASSWORD must be "true" \(the default\) or "false"/,
    );
  });
});

describe("passwords switched off (AUTH_PASSWORD=false)", () => {
  test("every password endpoint answers 404 NOT_FOUND, signed in or not, with or without a password", async () => {
    const { email } = await accountWithEverything();
    const browser = await app.signedIn(email);
    const stranger = app.device();
    const requests = [
      [ENDPOINTS.signInWithPassword, { email, password: PASSWORD }],
      [ENDPOINTS.signUp, { email: uniqueEmail("new"), password: PASSWORD, name: "Pat" }],
      [ENDPOINTS.requestPasswordReset, { email, redirectTo: "/reset-password" }],
      [ENDPOINTS.resetPassword, { token: "a-reset-token", newPassword: "another good password" }],
      [ENDPOINTS.sendVerificationEmail, { email }],
      [ENDPOINTS.changePassword, { currentPassword: PASSWORD, newPassword: "another good password" }],
      [ENDPOINTS.accountSetPassword, { newPassword: "another good password" }],
    ] as const;
    for (const [path, body] of requests) {
      for (const device of [stranger, browser]) {
        const response = await device.post(path, body);
        expect(response.status, path).toBe(404);
        expect(await json(response), path).toEqual(NOT_FOUND);
      }
    }
    for (const path of [ENDPOINTS.accountPassword, `${ENDPOINTS.resetPassword}/a-reset-token?callbackURL=%2Freset-password`]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(404);
      expect(await json(response), path).toEqual(NOT_FOUND);
    }
    // The password is kept as it was, unused.
    const account = await app.db.account.findFirstOrThrow({ where: { user: { email }, providerId: "credential" } });
    expect(account.password).toMatch(/\S+/);
  });

  test("a reset or a sign-up sends no email and creates nothing", async () => {
    const { email } = await accountWithEverything();
    const newcomer = uniqueEmail("newcomer");
    await app.device().post(ENDPOINTS.requestPasswordReset, { email, redirectTo: "/reset-password" });
    await app.device().post(ENDPOINTS.signUp, { email: newcomer, password: PASSWORD, name: "Pat" });
    await app.device().post(ENDPOINTS.signUp, { email, password: PASSWORD, name: "Pat" });
    await app.backgroundWorkDone();
    expect(await app.mailbox(email)).toEqual([]);
    expect(await app.mailbox(newcomer)).toEqual([]);
    expect(await app.userByEmail(newcomer)).toBeNull();
    expect(await app.db.verification.count({ where: { identifier: { startsWith: "reset-password:" } } })).toBe(0);
  });
});

describe("passkeys and two-factor switched off (AUTH_PASSKEYS=false, AUTH_TWO_FACTOR=false)", () => {
  test("every passkey and two-factor endpoint answers 404, to GET and POST, signed in or not", async () => {
    const { email } = await accountWithEverything();
    const browser = await app.signedIn(email);
    const paths = Object.values(ENDPOINTS).filter((path) => path.startsWith("/passkey/") || path.startsWith("/two-factor/"));
    expect(paths.length).toBeGreaterThanOrEqual(13);
    for (const path of paths) {
      for (const device of [app.device(), browser]) {
        expect((await device.get(path)).status, `GET ${path}`).toBe(404);
        expect((await device.post(path, { code: "123456", password: PASSWORD })).status, `POST ${path}`).toBe(404);
      }
    }
    // What the account had is kept as it was.
    expect(await app.db.passkey.count({ where: { user: { email } } })).toBe(1);
    expect((await app.userByEmail(email))!.twoFactorEnabled).toBe(true);
  });

  test("an account with a password, a passkey and two-factor on signs in by link in one step", async () => {
    const { email, userId } = await accountWithEverything();
    const browser = app.device();
    const response = await browser.confirm(await app.requestLink(email));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
    expect((await browser.session())?.user.email).toBe(email);
    expect(browser.cookies.has("better-auth.two_factor")).toBe(false);
    expect((await app.activity({ userId, type: "session.created" })).map((event) => event.details.method)).toEqual(["link"]);
  });

  test("and by code, with a session in the answer and no second step", async () => {
    const { email } = await accountWithEverything();
    await app.device().post(ENDPOINTS.sendCode, { email, type: "sign-in" });
    const browser = app.device();
    const response = await browser.post(ENDPOINTS.signInWithCode, { email, otp: await app.latestCode(email) });
    expect(response.status).toBe(200);
    const body = await json<{ token?: string; twoFactorRedirect?: boolean; user?: { email: string } }>(response);
    expect(body.twoFactorRedirect).toBeUndefined();
    expect(body.user?.email).toBe(email);
    expect((await browser.session())?.user.email).toBe(email);
  });
});
