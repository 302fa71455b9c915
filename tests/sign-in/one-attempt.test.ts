import { describe, expect, test } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * One live sign-in attempt per address, one sign-in per attempt (lib/sign-in/attempt.ts): an email's link and
 * code are one credential, a newer email retires the older ones, and signing in retires what still waits.
 */

const app = await startAuthServer();

const signInWithCode = (email: string, otp: string) => app.device().post("/sign-in/email-otp", { email, otp });
const dashboard = `${APP_ORIGIN}/dashboard`;

describe("an email's link and code are one credential", () => {
  test("the code signs in (creating the account), and the link from the same email is then refused", async () => {
    const email = uniqueEmail("code-first");
    const link = await app.requestLink(email);
    const response = await signInWithCode(email, await app.latestCode(email));
    expect(response.status).toBe(200);
    expect((await app.device().confirm(link)).headers.get("location")).toContain("error=INVALID_TOKEN");
    expect(await app.sessionsOf(email)).toBe(1);
  });

  test("the link signs in, and the code from the same email is then refused", async () => {
    const email = uniqueEmail("link-first");
    const link = await app.requestLink(email);
    const code = await app.latestCode(email);
    expect((await app.device().confirm(link)).headers.get("location")).toBe(dashboard);
    const response = await signInWithCode(email, code);
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      code: "INVALID_OTP",
      message: "This code no longer works. Send a new email to get a new code.",
      triesLeft: 0,
    });
  });

  test("used at the same instant: exactly one signs in, for a new address and an existing one", async () => {
    const existing = uniqueEmail("race-existing");
    await app.signedIn(existing);
    for (const email of [uniqueEmail("race-new"), uniqueEmail("race-new"), existing]) {
      const link = await app.requestLink(email);
      const code = await app.latestCode(email);
      const before = await app.sessionsOf(email);
      const [viaLink, viaCode] = await Promise.all([app.device().confirm(link), signInWithCode(email, code)]);
      const linkWon = viaLink.headers.get("location") === dashboard;
      const codeWon = viaCode.status === 200;
      expect([linkWon, codeWon].filter(Boolean), email).toHaveLength(1);
      if (!linkWon) expect(viaLink.headers.get("location")).toContain("error=INVALID_TOKEN");
      if (!codeWon) expect(viaCode.status).toBe(400);
      expect(await app.sessionsOf(email)).toBe(before + 1);
      expect(await app.db.user.count({ where: { email } })).toBe(1);
    }
  });

  test("50 confirmations of one link at once: exactly one session, 49 clean failures", async () => {
    const email = uniqueEmail("race");
    const link = await app.requestLink(email);
    // Fifty different clients, so the per-IP limit is not what stops them.
    const responses = await Promise.all(Array.from({ length: 50 }, () => app.device().confirm(link)));
    const signedIn = responses.filter((response) => response.headers.getSetCookie().length > 0);
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0].headers.get("location")).toBe(dashboard);
    const failures = responses.filter((response) => response.headers.getSetCookie().length === 0);
    expect(failures).toHaveLength(49);
    for (const failure of failures) {
      expect(failure.status).toBe(303);
      expect(failure.headers.get("location")).toContain("error=INVALID_TOKEN");
    }
    expect(await app.sessionsOf(email)).toBe(1);
  });
});

describe("a new email retires the older ones", () => {
  test("a second email's link and code work; the first email's link and code no longer do", async () => {
    const email = uniqueEmail("twice");
    const firstLink = await app.requestLink(email);
    const firstCode = await app.latestCode(email);
    const secondLink = await app.requestLink(email);
    const secondCode = await app.latestCode(email);
    expect(secondLink.toString()).not.toBe(firstLink.toString());
    if (firstCode !== secondCode) expect((await signInWithCode(email, firstCode)).status).toBe(400);
    expect((await app.device().confirm(firstLink)).headers.get("location")).toContain("error=INVALID_TOKEN");
    expect(await app.linkRowsFor(email)).toBe(1);
    expect((await signInWithCode(email, secondCode)).status).toBe(200);
  });

  test("a new link makes the earlier unused one invalid", async () => {
    const email = uniqueEmail("twice-link");
    const first = await app.requestLink(email);
    const second = await app.requestLink(email);
    expect((await app.device().confirm(first)).headers.get("location")).toContain("error=INVALID_TOKEN");
    expect((await app.device().confirm(second)).headers.get("location")).toBe(dashboard);
  });

  test("a code asked for on its own (POST /email-otp/send-verification-otp) retires the link sent before it", async () => {
    const email = uniqueEmail("code-after-link");
    const link = await app.requestLink(email);
    const sent = await app.device().post("/email-otp/send-verification-otp", { email, type: "sign-in" });
    expect(sent.status).toBe(200);
    expect(await json(sent)).toEqual({ success: true });
    const inbox = await app.mailbox(email);
    expect(inbox).toHaveLength(2);
    expect(inbox[0].subject).toBe("Sign in to Acme");
    expect(inbox[0].text).not.toMatch(/https?:\/\//);
    expect(await app.linkRowsFor(email)).toBe(0);
    expect((await app.device().confirm(link)).headers.get("location")).toContain("error=INVALID_TOKEN");
    expect((await signInWithCode(email, await app.latestCode(email))).status).toBe(200);
  });
});

describe("signing in retires what still waits in the inbox", () => {
  test("signing in by any method (here, a password) invalidates waiting links and codes", async () => {
    const email = uniqueEmail("password-then-link");
    const password = "correct horse battery";
    await app.device().post("/sign-up/email", { email, password, name: "Kim" });
    const confirmation = await app.latestLink(email, "/api/auth/verify-email");
    expect((await app.device().get(confirmation)).status).toBe(302);
    const waiting = await app.requestLink(email);
    const code = await app.latestCode(email);
    expect((await app.device().post("/sign-in/email", { email, password })).status).toBe(200);
    expect(await app.linkRowsFor(email)).toBe(0);
    expect((await app.device().confirm(waiting)).headers.get("location")).toContain("error=INVALID_TOKEN");
    expect((await signInWithCode(email, code)).status).toBe(400);
  });
});
