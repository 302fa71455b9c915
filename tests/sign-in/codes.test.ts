import { afterEach, describe, expect, test, vi } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail, wrongCode, type Device } from "../support/auth-server";

/**
 * Sign-in codes beside links (EMAIL_SIGN_IN=link-and-code, the default): what the email holds, what people read
 * when a code is refused, and what a refused code costs.
 */

const app = await startAuthServer();

/** Signs in with a code as the check-email screen does, from a device of its own unless one is given. */
const signInWithCode = (email: string, otp: unknown, from: Device = app.device()) =>
  from.post("/sign-in/email-otp", { email, otp });

const answerOf = async (response: Response) => ({ status: response.status, ...(await json(response)) });

afterEach(() => {
  vi.useRealTimers();
});

describe("the sign-in email", () => {
  test("holds the link and a 6-digit code, once; neither the subject nor the preview holds the code", async () => {
    const email = uniqueEmail("both");
    const link = await app.requestLink(email);
    const code = await app.latestCode(email);
    const message = await app.latestEmail(email);
    expect(code).toMatch(/^\d{6}$/);
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).toContain(link.toString());
    expect(message.text).toContain("Open the link on this device, or type the code where you started.");
    expect(message.text).toContain(code);
    // Once in the HTML: in the code block, not in the preview line that lock screens show.
    expect(message.html.split(code)).toHaveLength(2);
    expect(message.html).toMatch(new RegExp(`font-family:[^;"]*monospace[^"]*"[^>]*>${code}<`));
  });

  test("a code asked for on its own (POST /email-otp/send-verification-otp) comes alone, without a link", async () => {
    const email = uniqueEmail("code-alone");
    const sent = await app.device().post("/email-otp/send-verification-otp", { email, type: "sign-in" });
    expect(sent.status).toBe(200);
    expect(await json(sent)).toEqual({ success: true });
    const message = await app.latestEmail(email);
    expect(message.subject).toBe("Sign in to Acme");
    expect(message.text).not.toMatch(/https?:\/\//);
    expect(await app.latestCode(email)).toMatch(/^\d{6}$/);
  });
});

describe("signing in with the code", () => {
  test("creates the account, verified, and sets the session cookie", async () => {
    const email = uniqueEmail("code-new");
    await app.requestLink(email);
    const browser = app.device();
    const response = await signInWithCode(email, await app.latestCode(email), browser);
    expect(response.status).toBe(200);
    expect((await json<{ user: unknown }>(response)).user).toMatchObject({ email, emailVerified: true });
    expect(response.headers.getSetCookie()[0]).toMatch(/^better-auth\.session_token=/);
    expect((await browser.session())?.user.email).toBe(email);
  });

  test('"123 456", "123-456" and " 123456 " are the code as typed or pasted', async () => {
    for (const format of [
      (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`,
      (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`,
      (code: string) => ` ${code} `,
    ]) {
      const email = uniqueEmail("formatted");
      await app.requestLink(email);
      const response = await signInWithCode(email, format(await app.latestCode(email)));
      expect(response.status, format("123456")).toBe(200);
    }
  });

  test("works only for the address it was sent to", async () => {
    const [alice, bob] = [uniqueEmail("alice"), uniqueEmail("bob")];
    await app.requestLink(alice);
    await app.requestLink(bob);
    const [aliceCode, bobCode] = [await app.latestCode(alice), await app.latestCode(bob)];
    if (aliceCode !== bobCode) {
      expect((await signInWithCode(alice, bobCode)).status).toBe(400);
      expect((await signInWithCode(bob, aliceCode)).status).toBe(400);
    }
    const response = await signInWithCode(alice, aliceCode);
    expect(response.status).toBe(200);
    expect((await json<{ user: { email: string } }>(response)).user.email).toBe(alice);
    expect(await app.userByEmail(bob)).toBeNull();
  });

  test("is stored only as a SHA-256 hash, with the wrong tries so far", async () => {
    const email = uniqueEmail("hashed-code");
    await app.requestLink(email);
    const code = await app.latestCode(email);
    const rows = await app.db.verification.findMany({ where: { identifier: `sign-in-otp-${email}` } });
    expect(rows).toHaveLength(1);
    // base64url(SHA-256) and the wrong tries so far: the code itself is nowhere.
    expect(rows[0].value).toMatch(/^[A-Za-z0-9_-]{43}:0$/);
    expect(rows[0].value).not.toContain(code);
  });
});

describe("a refused code says why, in the order people meet the reasons", () => {
  test("each wrong try says so: two count down, the third says it ended the code; the right one after it is refused; the link still works", async () => {
    const email = uniqueEmail("three-wrong");
    const link = await app.requestLink(email);
    const code = await app.latestCode(email);
    const answers = [];
    for (const guess of [wrongCode(code, [1]), wrongCode(code, [2]), wrongCode(code, [3]), code]) {
      answers.push(await answerOf(await signInWithCode(email, guess)));
    }
    expect(answers).toEqual([
      { status: 400, code: "INVALID_OTP", message: "That code is not right. 2 tries left.", triesLeft: 2 },
      { status: 400, code: "INVALID_OTP", message: "That code is not right. 1 try left.", triesLeft: 1 },
      {
        status: 400,
        code: "INVALID_OTP",
        message: "That code is not right, and that was the last try: this code no longer works. Send a new email to get a new code.",
        triesLeft: 0,
      },
      {
        status: 403,
        code: "TOO_MANY_ATTEMPTS",
        message: "Too many wrong tries: this code no longer works. Send a new email to get a new code.",
        triesLeft: 0,
      },
    ]);
    expect(await app.userByEmail(email)).toBeNull();
    // Someone guessing at the code does not hold the link: its owner still signs in with it.
    expect((await app.device().confirm(link)).headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
  });

  test("an expired code: OTP_EXPIRED, send a new email", async () => {
    const email = uniqueEmail("expired-code");
    await app.requestLink(email);
    const code = await app.latestCode(email);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    expect(await answerOf(await signInWithCode(email, code))).toEqual({
      status: 400,
      code: "OTP_EXPIRED",
      message: "This code has expired. Send a new email to get a new code.",
      triesLeft: 0,
    });
    expect(await app.userByEmail(email)).toBeNull();
  });

  test("no code was ever sent to the address: the code no longer works", async () => {
    expect(await answerOf(await signInWithCode(uniqueEmail("never-sent"), "123456"))).toEqual({
      status: 400,
      code: "INVALID_OTP",
      message: "This code no longer works. Send a new email to get a new code.",
      triesLeft: 0,
    });
  });

  test("through the official client: the same codes and words", async () => {
    const { client } = app.device();
    const email = uniqueEmail("otp-client");
    const sent = await client.emailOtp.sendVerificationOtp({ email, type: "sign-in" });
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ success: true });
    const otp = await app.latestCode(email);
    const wrong = await client.signIn.emailOtp({ email, otp: wrongCode(otp) });
    expect(wrong.error).toMatchObject({ status: 400, code: "INVALID_OTP", message: "That code is not right. 2 tries left." });
    const signedIn = await client.signIn.emailOtp({ email, otp });
    expect(signedIn.error).toBeNull();
    expect(signedIn.data?.user.email).toBe(email);
    expect((await client.getSession()).data?.user.email).toBe(email);
    const reused = await app.device().client.signIn.emailOtp({ email, otp });
    expect(reused.error).toMatchObject({ status: 400, code: "INVALID_OTP" });
  });
});

describe("a malformed code costs nothing", () => {
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

  test("garbage, overlong and non-digit codes get a 400 naming the format, and leave every try", async () => {
    const email = uniqueEmail("garbage-code");
    await app.requestLink(email);
    const code = await app.latestCode(email);
    for (const otp of garbage) {
      const response = await signInWithCode(email, otp);
      expect(response.status, JSON.stringify(otp).slice(0, 40)).toBe(400);
      expect(await json(response)).toEqual({ code: "INVALID_CODE", message: "Enter the 6-digit code from the email." });
    }
    const missing = await app.device().post("/sign-in/email-otp", { email });
    expect(missing.status).toBe(400);
    const badAddress = await signInWithCode("victim@example.com\r\nBcc: a@evil.com", code);
    expect(badAddress.status).toBe(400);
    expect((await json(badAddress)).code).toBe("INVALID_EMAIL");
    // None of it counted: the first wrong try still leaves 2, and the right code signs in.
    expect((await json(await signInWithCode(email, wrongCode(code)))).triesLeft).toBe(2);
    expect((await signInWithCode(email, code)).status).toBe(200);
  });
});
