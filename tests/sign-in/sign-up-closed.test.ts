import { describe, expect, test } from "vitest";
import { json, startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * Sign-up closed (AUTH_DISABLE_SIGN_UP=true), emails carrying a code only (EMAIL_SIGN_IN=code): members sign in
 * as before; a stranger is answered exactly as a member, told by email that there is no account, and gets none.
 */

const app = await startAuthServer({ AUTH_DISABLE_SIGN_UP: "true", EMAIL_SIGN_IN: "code" });

const signInWithCode = (email: string, otp: string) => app.device().post("/sign-in/email-otp", { email, otp });

/** What a signed-out browser can compare between two answers: status, body, header names. */
const comparable = async (response: Response) => ({
  status: response.status,
  body: await response.text(),
  headers: [...response.headers.keys()].sort(),
});

describe("a member", () => {
  test("gets an email holding a code and no link, and the code signs in", async () => {
    const email = uniqueEmail("member");
    await app.addMember(email);
    expect((await app.device().post("/sign-in/magic-link", { email, callbackURL: "/dashboard" })).status).toBe(200);
    const message = await app.latestEmail(email);
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).toContain("Type this code where you started to sign in.");
    expect(message.text).not.toMatch(/https?:\/\//);
    // No link to follow: the only address in it is the support mailto (and the logo, an image).
    expect(message.html).not.toMatch(/<a [^>]*href="https?:/);
    expect(await app.linkRowsFor(email)).toBe(0);
    const response = await signInWithCode(email, await app.latestCode(email));
    expect(response.status).toBe(200);
    expect((await json<{ user: { email: string } }>(response)).user.email).toBe(email);
  });
});

describe("a stranger", () => {
  test("gets the same answers, an email saying there is no account (no code, no link), and no account", async () => {
    const email = uniqueEmail("stranger");
    const viaLink = await app.device().post("/sign-in/magic-link", { email, callbackURL: "/dashboard" });
    expect(viaLink.status).toBe(200);
    expect(await json(viaLink)).toEqual({ status: true });
    const viaCode = await app.device().post("/email-otp/send-verification-otp", { email, type: "sign-in" });
    expect(await json(viaCode)).toEqual({ success: true });
    const inbox = await app.mailbox(email);
    expect(inbox.map((message) => message.subject)).toEqual(["Sign in to Acme"]);
    expect(inbox[0].text).toContain("there is no account for it and new accounts are closed");
    expect(inbox[0].text).not.toMatch(/\b\d{6}\b/);
    expect(inbox[0].text).not.toMatch(/token=/);
    expect(await app.linkRowsFor(email)).toBe(0);
    const guess = await signInWithCode(email, "123456");
    expect(guess.status).toBe(400);
    expect((await json(guess)).code).toBe("INVALID_OTP");
    expect(await app.userByEmail(email)).toBeNull();
  });

  test("is answered exactly as a member: no way to tell who has an account", async () => {
    const member = uniqueEmail("known");
    await app.addMember(member);
    const ask = (email: string) => app.device().post("/sign-in/magic-link", { email, callbackURL: "/dashboard" });
    const [known, unknown] = [await comparable(await ask(member)), await comparable(await ask(uniqueEmail("unknown")))];
    expect(known).toMatchObject({ status: 200, body: '{"status":true}' });
    expect(unknown).toEqual(known);
  });

  test("cannot sign up with a password", async () => {
    const email = uniqueEmail("blocked");
    const response = await app.device().post("/sign-up/email", { email, password: "correct horse battery", name: "Blocked" });
    expect(response.status).toBe(400);
    expect(await app.userByEmail(email)).toBeNull();
  });
});
