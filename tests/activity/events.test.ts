import { afterEach, describe, expect, test, vi } from "vitest";
import { json, startAuthServer, uniqueEmail, wrongCode, type Device } from "../support/auth-server";
import { BRAND } from "@/lib/common/brand";

/**
 * The activity log (lib/activity/): which event each outcome records, read back from the audit_event table.
 * Every device has a client address of its own, so a test reads only its own events by that address.
 */

const app = await startAuthServer();

/** The events a device's requests recorded, oldest first: type, user and details. */
async function eventsFrom(device: Device) {
  const rows = await app.activity();
  return rows
    .filter((row) => row.ipAddress === device.ip)
    .map(({ type, userId, details }) => ({ type, userId, details }));
}

const userIdOf = async (email: string) => (await app.userByEmail(email))!.id;

afterEach(() => {
  vi.useRealTimers();
});

describe("sending a sign-in email records magic_link.sent, with how it is sent", () => {
  test("a link to an unknown address: no user yet", async () => {
    const device = app.device();
    await device.post("/sign-in/magic-link", { email: uniqueEmail("unknown") });
    expect(await eventsFrom(device)).toEqual([{ type: "magic_link.sent", userId: null, details: { via: "link" } }]);
  });

  test("a code asked for on its own, to a member: the member's id", async () => {
    const email = uniqueEmail("member");
    await app.addMember(email);
    const device = app.device();
    await device.post("/email-otp/send-verification-otp", { email, type: "sign-in" });
    expect(await eventsFrom(device)).toEqual([{ type: "magic_link.sent", userId: await userIdOf(email), details: { via: "code" } }]);
  });

  test("nothing is recorded when the email is refused (bad address, a hostile destination, over the limit)", async () => {
    const device = app.device();
    const email = uniqueEmail("refused");
    await device.post("/sign-in/magic-link", { email: "not-an-email" });
    await device.post("/sign-in/magic-link", { email, callbackURL: "https://evil.com" });
    for (let attempt = 0; attempt <= app.env.MAGIC_LINK_ADDRESS_LIMIT; attempt++) await device.post("/sign-in/magic-link", { email });
    const types = (await eventsFrom(device)).map((event) => event.type);
    expect(types).toEqual(Array(app.env.MAGIC_LINK_ADDRESS_LIMIT).fill("magic_link.sent"));
  });
});

describe("signing in records the account's creation and the session, with the method", () => {
  test("a first link: user.created via link, then session.created by link", async () => {
    const email = uniqueEmail("first-link");
    const link = await app.requestLink(email);
    const browser = app.device();
    await browser.confirm(link);
    const userId = await userIdOf(email);
    expect(await eventsFrom(browser)).toEqual([
      { type: "user.created", userId, details: { via: "link" } },
      { type: "session.created", userId, details: { method: "link" } },
    ]);
    expect((await app.db.session.findFirstOrThrow({ where: { userId } })).signInMethod).toBe("link");
  });

  test("a first code: user.created via code, then session.created by code", async () => {
    const email = uniqueEmail("first-code");
    await app.requestLink(email);
    const browser = app.device();
    await browser.post("/sign-in/email-otp", { email, otp: await app.latestCode(email) });
    const userId = await userIdOf(email);
    expect(await eventsFrom(browser)).toEqual([
      { type: "user.created", userId, details: { via: "code" } },
      { type: "session.created", userId, details: { method: "code" } },
    ]);
  });

  test("a returning member's link: session.created only", async () => {
    const email = uniqueEmail("returning");
    await app.signedIn(email);
    const browser = app.device();
    await browser.confirm(await app.requestLink(email));
    expect(await eventsFrom(browser)).toEqual([{ type: "session.created", userId: await userIdOf(email), details: { method: "link" } }]);
  });

  test("password sign-up: user.created via password; the password sign-in: session.created by password", async () => {
    const signUp = app.device();
    const email = uniqueEmail("password-user");
    await signUp.post("/sign-up/email", { email, password: "correct horse battery", name: "Pat" });
    const userId = await userIdOf(email);
    expect(await eventsFrom(signUp)).toEqual([{ type: "user.created", userId, details: { via: "password" } }]);
    await app.device().get(await app.latestLink(email, "/api/auth/verify-email"));
    const browser = app.device();
    await browser.post("/sign-in/email", { email, password: "correct horse battery" });
    expect(await eventsFrom(browser)).toEqual([{ type: "session.created", userId, details: { method: "password" } }]);
  });
});

describe("a failed sign-in records sign_in.failed, with the method and the reason", () => {
  test("a used or unknown link: by link, invalid_token, no user", async () => {
    const link = await app.requestLink(uniqueEmail("used-link"));
    await app.device().confirm(link);
    const [viaPage, viaApi] = [app.device(), app.device()];
    await viaPage.confirm(link);
    await viaApi.get("/magic-link/verify?token=not-a-real-token&callbackURL=/dashboard");
    const failure = { type: "sign_in.failed", userId: null, details: { method: "link", reason: "invalid_token" } };
    for (const device of [viaPage, viaApi]) expect(await eventsFrom(device)).toEqual([failure]);
  });

  test("a wrong code, the code used up, an expired code: by code, with the member's id", async () => {
    const email = uniqueEmail("code-failures");
    await app.signedIn(email);
    const userId = await userIdOf(email);
    await app.requestLink(email);
    const code = await app.latestCode(email);
    const device = app.device();
    for (const position of [0, 1, 2]) await device.post("/sign-in/email-otp", { email, otp: wrongCode(code, [position]) });
    await device.post("/sign-in/email-otp", { email, otp: code });
    await app.requestLink(email);
    const fresh = await app.latestCode(email);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    await device.post("/sign-in/email-otp", { email, otp: fresh });
    const failure = (reason: string) => ({ type: "sign_in.failed", userId, details: { method: "code", reason } });
    expect(await eventsFrom(device)).toEqual([
      failure("invalid_otp"),
      failure("invalid_otp"),
      failure("invalid_otp"),
      failure("too_many_attempts"),
      failure("otp_expired"),
    ]);
  });

  test("a wrong password: by password, invalid_email_or_password, with the user's id", async () => {
    const { email } = await app.passwordAccount();
    const device = app.device();
    expect((await device.post("/sign-in/email", { email, password: "not the password" })).status).toBe(401);
    expect(await eventsFrom(device)).toEqual([
      { type: "sign_in.failed", userId: await userIdOf(email), details: { method: "password", reason: "invalid_email_or_password" } },
    ]);
  });

  test("a malformed code is not a sign-in attempt: nothing is recorded", async () => {
    const device = app.device();
    expect((await device.post("/sign-in/email-otp", { email: uniqueEmail("malformed"), otp: "12a" })).status).toBe(400);
    expect(await eventsFrom(device)).toEqual([]);
  });
});

describe("account changes", () => {
  test("a journey's events in order: sign_out, and session.revoked for a session ended from the account area", async () => {
    const email = uniqueEmail("sessions");
    const [browser, other] = [await app.signedIn(email), await app.signedIn(email)];
    const userId = await userIdOf(email);
    const sessions = await json<{ id: string; current: boolean }[]>(await browser.get("/account/sessions"));
    const otherId = sessions.find((session) => !session.current)!.id;
    expect((await browser.post("/account/revoke-session", { id: otherId })).status).toBe(200);
    expect((await other.get("/account/sessions")).status).toBe(401);
    expect((await browser.post("/sign-out", {})).status).toBe(200);
    const events = await app.activity({ userId });
    // The first email went to an address with no account yet: its event names no user.
    expect(events.map((event) => event.type)).toEqual([
      "user.created",
      "session.created",
      "magic_link.sent",
      "session.created",
      "session.revoked",
      "sign_out",
    ]);
    expect(events.at(-1)).toMatchObject({ ipAddress: browser.ip, details: {} });
    // Nothing in the log is a token or a session id.
    const stored = JSON.stringify(events);
    expect(stored).not.toContain(otherId);
    expect(stored).not.toContain(browser.cookies.get("better-auth.session_token")?.split(".")[0] ?? "none");
  });

  test("password.changed, saying whether other devices were signed out", async () => {
    const { browser, password } = await app.passwordAccount();
    const userId = (await browser.session())!.user.id;
    const change = (currentPassword: string, newPassword: string, revokeOtherSessions: boolean) =>
      browser.post("/change-password", { currentPassword, newPassword, revokeOtherSessions });
    await change(password, "a second horse battery", false);
    await change("a second horse battery", "a third horse battery", true);
    const changes = (await eventsFrom(browser)).filter((event) => event.type === "password.changed");
    expect(changes).toEqual([
      { type: "password.changed", userId, details: { otherDevicesSignedOut: false } },
      { type: "password.changed", userId, details: { otherDevicesSignedOut: true } },
    ]);
  });

  test("password.set for a link account's first password", async () => {
    const email = uniqueEmail("set-password");
    const browser = await app.signedIn(email);
    expect((await browser.post("/account/set-password", { newPassword: "correct horse battery" })).status).toBe(200);
    expect((await eventsFrom(browser)).at(-1)).toEqual({ type: "password.set", userId: await userIdOf(email), details: {} });
  });

  test("password.reset for the user a reset link belongs to, who is told by email", async () => {
    const { email } = await app.passwordAccount();
    const resetter = app.device();
    await resetter.post("/request-password-reset", { email, redirectTo: "/reset-password" });
    const token = (await app.latestLink(email, "/api/auth/reset-password")).pathname.split("/").at(-1)!;
    expect((await resetter.post("/reset-password", { token, newPassword: "another horse battery" })).status).toBe(200);
    expect(await eventsFrom(resetter)).toEqual([{ type: "password.reset", userId: await userIdOf(email), details: {} }]);
    expect((await app.latestEmail(email)).subject).toBe(`Your ${BRAND.name} password was reset`);
  });

  test("email.change_requested, with the new address whole: only its owner reads it (the log masks it)", async () => {
    const browser = await app.signedIn();
    const userId = (await browser.session())!.user.id;
    const newEmail = `jane-${crypto.randomUUID().slice(0, 8)}@example.org`;
    expect((await browser.post("/change-email", { newEmail })).status).toBe(200);
    expect((await eventsFrom(browser)).at(-1)).toEqual({ type: "email.change_requested", userId, details: { to: newEmail } });
  });
});

describe("every event says where it came from", () => {
  test("the client's address (the trusted header only) and its browser", async () => {
    const device = app.device();
    await device.post("/sign-in/magic-link", { email: uniqueEmail("where") }, {
      headers: { "user-agent": "Mozilla/5.0 (Macintosh) Firefox/130.0", "x-forwarded-for": "203.0.113.99" },
    });
    const [event] = (await app.activity({ type: "magic_link.sent" })).filter((row) => row.ipAddress === device.ip);
    expect(event).toMatchObject({ ipAddress: device.ip, userAgent: "Mozilla/5.0 (Macintosh) Firefox/130.0" });
  });

  test("an IPv6 client's own address, in its short form, on its events and its session", async () => {
    // As a proxy may write them: in full, in capitals; and the loopback address of `npm run dev`.
    const group = () => Math.floor(Math.random() * 0xffff).toString(16);
    const [a, b] = [group(), group()];
    const seen = {
      [`2001:0DB8:${a.toUpperCase()}:${b}:0000:0000:0000:0001`]: `2001:db8:${a}:${b}::1`,
      "::1": "::1",
      "::ffff:192.0.2.1": "192.0.2.1",
    };
    for (const [sent, shown] of Object.entries(seen)) {
      const email = uniqueEmail("ipv6");
      const browser = app.device({ ip: sent });
      await browser.confirm(await app.requestLink(email, {}, browser));
      const userId = await userIdOf(email);
      const events = await app.activity({ userId });
      expect(events.map(({ type, ipAddress }) => ({ type, ipAddress })), sent).toEqual([
        { type: "user.created", ipAddress: shown },
        { type: "session.created", ipAddress: shown },
      ]);
      const sessions = await json<{ ipAddress: string | null }[]>(await browser.get("/account/sessions"));
      expect(sessions.map((session) => session.ipAddress), sent).toEqual([shown]);
      expect((await app.db.session.findFirstOrThrow({ where: { userId } })).ipAddress, sent).toBe(shown);
    }
  });
});
