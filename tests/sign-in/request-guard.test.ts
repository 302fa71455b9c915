import { describe, expect, test } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail, verifyUrl } from "../support/auth-server";
import { UNSAFE_ADDRESSES } from "../support/payloads";

/**
 * The request guard in front of every auth endpoint (lib/auth/hooks.ts), and better-auth's own cross-site
 * checks: one normalised address per request, only the code endpoints this app offers, no request from another
 * site. (Length limits: tests/input/limits.test.ts; redirect targets: tests/input/redirects.test.ts.)
 */

const app = await startAuthServer();

describe("email addresses", () => {
  test("are normalised once: ' A@X.COM ' and 'a@x.com' are one account", async () => {
    const local = `case-${crypto.randomUUID().slice(0, 8)}`;
    await app.signedIn(` ${local.toUpperCase()}@EXAMPLE.COM `);
    await app.signedIn(`${local}@example.com`);
    expect(await app.db.user.findMany({ where: { email: { contains: local } }, select: { email: true } })).toEqual([
      { email: `${local}@example.com` },
    ]);
  });

  const refused = UNSAFE_ADDRESSES;

  for (const [path, extra] of [
    ["/sign-in/magic-link", {}],
    ["/email-otp/send-verification-otp", { type: "sign-in" }],
    ["/sign-in/email-otp", { otp: "123456" }],
    ["/sign-up/email", { password: "correct horse battery", name: "X" }],
    ["/sign-in/email", { password: "correct horse battery" }],
    ["/request-password-reset", {}],
  ] as const) {
    test(`${path} refuses unsafe addresses with 400 and a clear message, and sends nothing`, async () => {
      for (const email of refused) {
        const response = await app.device().post(path, { email, ...extra });
        expect(response.status, JSON.stringify(email)).toBe(400);
        expect(await json(response)).toEqual({ code: "INVALID_EMAIL", message: "Enter one email address, like name@example.com." });
      }
      expect(await app.db.devEmail.count({ where: { to: { contains: "victim" } } })).toBe(0);
    });
  }

  test("a name full of markup reaches no email as markup", async () => {
    const email = uniqueEmail("markup");
    const name = `<img src=x onerror=alert(1)><script>alert(1)</script>`;
    await app.device().post("/sign-up/email", { email, name, password: "correct horse battery" });
    await app.device().post("/sign-in/magic-link", { email, name });
    const inbox = await app.mailbox(email);
    expect(inbox).toHaveLength(2);
    for (const message of inbox) {
      expect(message.html).not.toContain("<script");
      expect(message.html).not.toContain("<img src=x");
    }
  });
});

describe("codes: sign-in only", () => {
  test("other code types answer 400 INVALID_OTP_TYPE and send nothing", async () => {
    const email = uniqueEmail("other-types");
    for (const type of ["email-verification", "forget-password", "change-email", "nonsense"]) {
      const response = await app.device().post("/email-otp/send-verification-otp", { email, type });
      expect(response.status, type).toBe(400);
      expect(await json(response), type).toEqual({ code: "INVALID_OTP_TYPE", message: 'This app sends "sign-in" codes only.' });
    }
    expect(await app.mailbox(email)).toHaveLength(0);
  });

  test("the code endpoints this app does not offer answer 404 and send nothing", async () => {
    const email = uniqueEmail("other-codes");
    for (const path of [
      "/email-otp/check-verification-otp",
      "/email-otp/verify-email",
      "/email-otp/request-password-reset",
      "/email-otp/reset-password",
      "/forget-password/email-otp",
      "/email-otp/request-email-change",
      "/email-otp/change-email",
    ]) {
      const response = await app.device().post(path, {
        email,
        type: "sign-in",
        otp: "123456",
        password: "correct horse battery",
        newEmail: email,
      });
      expect(response.status, path).toBe(404);
      expect(await json(response), path).toEqual({ code: "NOT_FOUND", message: "This app does not offer that kind of code." });
    }
    expect(await app.mailbox(email)).toHaveLength(0);
  });
});

describe("requests from another site", () => {
  const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" };

  test("cross-site POSTs to sign-in, sign-up and sign-out are refused; the session stays", async () => {
    const email = uniqueEmail("csrf");
    // This device now holds a session cookie, as a victim's browser would.
    const victim = await app.signedIn(email);
    for (const [path, data] of [
      ["/sign-in/magic-link", { email: uniqueEmail("csrf-link") }],
      ["/sign-in/email", { email, password: "correct horse battery" }],
      ["/sign-up/email", { email: uniqueEmail("csrf-signup"), password: "correct horse battery", name: "X" }],
      ["/sign-in/email-otp", { email, otp: "123456" }],
      ["/email-otp/send-verification-otp", { email: uniqueEmail("csrf-code"), type: "sign-in" }],
      ["/sign-out", {}],
    ] as const) {
      const response = await victim.post(path, data, { headers: evil });
      expect(response.status, path).toBe(403);
    }
    expect((await victim.session())?.user.email).toBe(email);
  });

  test("a cross-site form cannot send a link even without cookies (login CSRF)", async () => {
    const email = uniqueEmail("login-csrf");
    // The auth API takes JSON only: a form body, which a cross-site page can send, is refused unread.
    const form = await app.device().post("/sign-in/magic-link", { email }, { form: true, headers: evil });
    expect(form.status).toBe(415);
    const asJson = await app.device().post("/sign-in/magic-link", { email }, { headers: evil });
    expect(asJson.status).toBe(403);
    expect(await app.mailbox(email)).toHaveLength(0);
  });

  test("a cross-site page cannot sign a visitor in with the attacker's own code (login CSRF)", async () => {
    const attacker = uniqueEmail("attacker");
    await app.requestLink(attacker);
    const code = await app.latestCode(attacker);
    const victim = app.device();
    for (const form of [false, true]) {
      const response = await victim.post("/sign-in/email-otp", { email: attacker, otp: code }, { form, headers: evil });
      expect(response.status, form ? "form" : "JSON").toBe(form ? 415 : 403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await victim.session()).toBeNull();
    // The code was not spent: its owner still signs in with it.
    expect((await app.device().post("/sign-in/email-otp", { email: attacker, otp: code })).status).toBe(200);
  });

  test("a link from the attacker's inbox, opened through another site, signs nobody in (login CSRF on the API's verify)", async () => {
    const attacker = uniqueEmail("verify-csrf");
    const link = await app.requestLink(attacker);
    // The victim is signed in to their own account: it must stay so.
    const victimEmail = uniqueEmail("verify-csrf-victim");
    const victim = await app.signedIn(victimEmail);
    for (const site of ["cross-site", "same-site"]) {
      const navigation = { "sec-fetch-site": site, "sec-fetch-mode": "navigate" };
      const redirected = await victim.get(verifyUrl(link), { headers: navigation });
      expect(redirected.status, site).toBe(302);
      expect(redirected.headers.getSetCookie(), site).toEqual([]);
      const location = new URL(redirected.headers.get("location")!, APP_ORIGIN);
      expect(location.pathname).toBe("/dashboard");
      expect(location.searchParams.get("error")).toBe("CROSS_SITE_REQUEST");
      // Without a destination, JSON with the words the page shows.
      const bare = new URL(verifyUrl(link));
      bare.searchParams.delete("callbackURL");
      const answered = await victim.get(bare, { headers: navigation });
      expect(answered.status).toBe(403);
      expect(await json(answered)).toEqual({ code: "CROSS_SITE_REQUEST", message: "Open the sign-in link from your email to continue." });
    }
    expect((await victim.session())?.user.email).toBe(victimEmail);
    // The link was not used: opened from an email app (Sec-Fetch-Site: none) or by a client without the header, it works.
    const owner = app.device();
    const opened = await owner.get(verifyUrl(link), { headers: { "sec-fetch-site": "none", "sec-fetch-mode": "navigate" } });
    expect(opened.status).toBe(302);
    expect((await owner.session())?.user.email).toBe(attacker);
  });
});
