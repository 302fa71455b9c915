import { describe, expect, test } from "vitest";
import { BRAND } from "@/lib/common/brand";
import { signInErrorMessage } from "@/lib/common/messages";
import { json, startAuthServer, uniqueEmail, verifyUrl } from "../support/auth-server";
import { ADMIN_ENV, signedInAdmin, signedInMember } from "./support";

/**
 * Suspending an account (/admin/ban-user) and lifting it (/admin/unban-user): its sessions end at once, and every
 * way in is refused with words that say the account is suspended and where to write: an emailed link (none is
 * sent; one sent before does not work), a code, a password. Lifting restores sign-in; an expired suspension no
 * longer refuses. The account's own activity says what happened.
 */

const app = await startAuthServer(ADMIN_ENV);

const SUSPENDED = new RegExp(`suspended.*${BRAND.supportEmail.replace(".", "\\.")}`);

async function suspend(userId: string, body: { banReason?: string; banExpiresIn?: number } = { banReason: "Spam" }) {
  const admin = await signedInAdmin(app);
  const answer = await admin.browser.client.admin.banUser({ userId, ...body });
  expect(answer.error).toBeNull();
  return admin;
}

describe("suspending", () => {
  test("ends every session at once: the cookie is refused where the database is read, and the event names the admin", async () => {
    const member = await signedInMember(app);
    const phone = await app.signedIn(member.email);
    expect(await app.sessionsOf(member.email)).toBe(2);
    const admin = await suspend(member.id, { banReason: "Spam" });
    expect(await app.sessionsOf(member.email)).toBe(0);
    for (const browser of [member.browser, phone]) {
      expect(await json(await browser.get("/get-session?disableCookieCache=true"))).toBeNull();
      expect((await browser.get("/account/sessions")).status).toBe(401);
    }
    expect((await app.userByEmail(member.email))!).toMatchObject({ banned: true, banReason: "Spam", banExpires: null });
    const [event] = await app.activity({ userId: member.id, type: "admin.user_suspended" });
    expect(event.details).toEqual({ admin: admin.id, reason: "Spam" });
  });

  test("asking for a link or a code sends nothing and says the account is suspended, with the support address", async () => {
    const member = await signedInMember(app);
    const before = (await app.mailbox(member.email)).length;
    await suspend(member.id);
    for (const [path, body] of [
      ["/sign-in/magic-link", { email: member.email, callbackURL: "/dashboard" }],
      ["/email-otp/send-verification-otp", { email: member.email.toUpperCase(), type: "sign-in" }],
    ] as const) {
      const answer = await app.device().post(path, body);
      expect(answer.status, path).toBe(403);
      const error = await json<{ code: string; message: string }>(answer);
      expect(error.code).toBe("ACCOUNT_SUSPENDED");
      expect(error.message).toMatch(SUSPENDED);
    }
    expect(await app.mailbox(member.email)).toHaveLength(before);
  });

  test("a link or a code sent before the suspension does not sign in, and says why", async () => {
    const member = await signedInMember(app);
    const link = await app.requestLink(member.email);
    const code = await app.latestCode(member.email);
    await suspend(member.id);
    const byLink = app.device();
    const api = verifyUrl(link);
    api.searchParams.delete("callbackURL");
    const opened = await byLink.get(api);
    expect(opened.status).toBe(403);
    expect(await json(opened)).toMatchObject({ code: "BANNED_USER", message: expect.stringMatching(SUSPENDED) });
    expect(byLink.cookies.size).toBe(0);
    const byCode = app.device();
    const typed = await byCode.client.signIn.emailOtp({ email: member.email, otp: code });
    expect(typed.error).toMatchObject({ status: 403, code: "BANNED_USER" });
    expect(typed.error?.message).toMatch(SUSPENDED);
    expect(await byCode.session()).toBeNull();
    expect(await app.sessionsOf(member.email)).toBe(0);
  });

  test("the confirmation page's button lands on the sign-in page with the words, not on an error page", async () => {
    const member = await signedInMember(app);
    const link = await app.requestLink(member.email);
    await suspend(member.id);
    const browser = app.device();
    const answer = await browser.confirm(link);
    expect(answer.status).toBe(303);
    // The link is left unused: lifted before it expires, it would sign in.
    expect(await app.linkRowsFor(member.email)).toBe(1);
    const location = new URL(answer.headers.get("location")!);
    expect(location.pathname).toBe("/dashboard");
    expect(location.searchParams.get("error")).toBe("BANNED_USER");
    expect(signInErrorMessage(location.searchParams.get("error")!)).toMatch(SUSPENDED);
    expect(browser.cookies.size).toBe(0);
  });

  test("a password sign-in is refused with the same words; a wrong password still says only that", async () => {
    const { email, password } = await app.passwordAccount(uniqueEmail("password"));
    const { id } = (await app.userByEmail(email))!;
    await suspend(id);
    const browser = app.device();
    const signIn = await browser.post("/sign-in/email", { email, password });
    expect(signIn.status).toBe(403);
    expect(await json(signIn)).toMatchObject({ code: "BANNED_USER", message: expect.stringMatching(SUSPENDED) });
    expect(browser.cookies.size).toBe(0);
    const wrong = await app.device().post("/sign-in/email", { email, password: "not the password at all" });
    expect(await json(wrong)).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  });
});

describe("lifting a suspension", () => {
  test("restores sign-in by link, and both events are in the account's activity", async () => {
    const member = await signedInMember(app);
    const admin = await suspend(member.id);
    const lifted = await admin.browser.client.admin.unbanUser({ userId: member.id });
    expect(lifted.error).toBeNull();
    expect((await app.userByEmail(member.email))!).toMatchObject({ banned: false, banReason: null });
    const browser = await app.signedIn(member.email);
    expect((await browser.session())?.user.email).toBe(member.email);
    const events = (await app.activity({ userId: member.id })).filter((event) => event.type.startsWith("admin."));
    expect(events.map((event) => [event.type, event.details.admin])).toEqual([
      ["admin.user_suspended", admin.id],
      ["admin.user_unsuspended", admin.id],
    ]);
  });

  test("a suspension for a while ends by itself: once it has expired, links are sent and sign in again", async () => {
    const member = await signedInMember(app);
    await suspend(member.id, { banReason: "Cooling off", banExpiresIn: 60 * 60 });
    const until = (await app.userByEmail(member.email))!.banExpires!;
    expect(until.getTime()).toBeGreaterThan(Date.now() + 59 * 60 * 1000);
    expect((await app.device().post("/sign-in/magic-link", { email: member.email })).status).toBe(403);
    // The hour has passed.
    await app.db.user.update({ where: { id: member.id }, data: { banExpires: new Date(Date.now() - 1000) } });
    const browser = await app.signedIn(member.email);
    expect((await browser.session())?.user.email).toBe(member.email);
    expect((await app.userByEmail(member.email))!).toMatchObject({ banned: false, banExpires: null });
  });
});
