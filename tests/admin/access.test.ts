import { describe, expect, test } from "vitest";
import { json, startAuthServer } from "../support/auth-server";
import { secretOf, totp } from "../support/totp";
import { ADMIN_ADDRESSES, ADMIN_ENV, ageSessions, signedInAdmin, signedInMember } from "./support";

/**
 * Who may use the admin endpoints, over HTTP with the official client (adminClient()): the addresses in
 * ADMIN_EMAILS, once signed in, holding a second factor; destructive actions after a fresh sign-in; never on
 * another admin or on themselves; and nobody grants the admin role through any endpoint.
 */

const app = await startAuthServer(ADMIN_ENV);

describe("the admin role follows ADMIN_EMAILS", () => {
  test("a listed address gets the role at its sign-in; any other address does not", async () => {
    const admin = await signedInAdmin(app);
    expect((await app.userByEmail(admin.email))!.role).toBe("admin");
    const member = await signedInMember(app);
    expect((await app.userByEmail(member.email))!.role).toBe("user");
  });

  test("an address taken off the list is refused at once and loses the role at its next sign-in", async () => {
    const former = await signedInMember(app, "former-admin");
    // As the list left it: the role from when the address was listed.
    await app.db.user.update({ where: { id: former.id }, data: { role: "admin" } });
    const refused = await former.browser.client.admin.listUsers({ query: {} });
    expect(refused.error).toMatchObject({ status: 403, code: "ADMIN_ONLY" });
    await app.signedIn(former.email);
    expect((await app.userByEmail(former.email))!.role).toBe("user");
  });

  test("nobody grants themselves the role: update-user, set-role and create-user refuse a non-admin", async () => {
    const member = await signedInMember(app);
    const updated = await member.browser.post("/update-user", { role: "admin" });
    expect(updated.status).toBe(400);
    expect(await json(updated)).toMatchObject({ code: "FIELD_NOT_EDITABLE" });
    const setRole = await member.browser.client.admin.setRole({ userId: member.id, role: "admin" });
    expect(setRole.error).toMatchObject({ status: 403, code: "ADMIN_ONLY" });
    const created = await member.browser.client.admin.createUser({ email: "made-up@example.com", name: "X", role: "admin" });
    expect(created.error).toMatchObject({ status: 403, code: "ADMIN_ONLY" });
    expect((await app.userByEmail(member.email))!.role).toBe("user");
    expect(await app.userByEmail("made-up@example.com")).toBeNull();
  });

  test("an admin cannot hand the role out either: only \"user\" can be set or given", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const setRole = await admin.browser.client.admin.setRole({ userId: member.id, role: "admin" });
    expect(setRole.error).toMatchObject({ status: 403, code: "ROLE_FROM_ADMIN_EMAILS" });
    const created = await admin.browser.client.admin.createUser({ email: "new-admin@example.com", name: "X", role: ["user", "admin"] });
    expect(created.error).toMatchObject({ status: 403, code: "ROLE_FROM_ADMIN_EMAILS" });
    const viaData = await admin.browser.client.admin.updateUser({ userId: member.id, data: { role: "admin" } });
    expect(viaData.error).toMatchObject({ status: 403, code: "ROLE_FROM_ADMIN_EMAILS" });
    expect((await app.userByEmail(member.email))!.role).toBe("user");
    const plain = await admin.browser.client.admin.createUser({ email: "plain-user@example.com", name: "Plain" });
    expect(plain.error).toBeNull();
    expect((await app.userByEmail("plain-user@example.com"))!.role).toBe("user");
  });
});

describe("every admin endpoint", () => {
  const calls = [
    ["GET", "/admin/list-users"],
    ["GET", "/admin/get-user?id=x"],
    ["POST", "/admin/create-user"],
    ["POST", "/admin/update-user"],
    ["POST", "/admin/set-role"],
    ["POST", "/admin/set-user-password"],
    ["POST", "/admin/list-user-sessions"],
    ["POST", "/admin/ban-user"],
    ["POST", "/admin/unban-user"],
    ["POST", "/admin/impersonate-user"],
    ["POST", "/admin/revoke-user-session"],
    ["POST", "/admin/revoke-user-sessions"],
    ["POST", "/admin/remove-user"],
    ["POST", "/admin/has-permission"],
  ] as const;

  test("refuses a signed-out caller (401) and a signed-in non-admin (403), whatever it is sent", async () => {
    const member = await signedInMember(app);
    const body = { userId: member.id, email: "x@example.com", name: "X", data: { name: "Y" }, newPassword: "p".repeat(12), sessionToken: "t", permissions: { user: ["list"] } };
    for (const [method, path] of calls) {
      const signedOut = method === "GET" ? await app.device().get(path) : await app.device().post(path, body);
      expect(signedOut.status, path).toBe(401);
      const asMember = method === "GET" ? await member.browser.get(path) : await member.browser.post(path, body);
      expect(asMember.status, path).toBe(403);
      expect(await json(asMember), path).toMatchObject({ code: "ADMIN_ONLY" });
    }
    expect((await app.userByEmail(member.email))!.banned).toBeFalsy();
  });

  test("refuses an admin without a second factor, and says how to add one", async () => {
    const admin = await signedInAdmin(app, { secondFactor: false });
    const member = await signedInMember(app);
    for (const [method, path] of calls) {
      const answer = method === "GET" ? await admin.browser.get(path) : await admin.browser.post(path, { userId: member.id });
      expect(answer.status, path).toBe(403);
      const error = await json<{ code: string; message: string }>(answer);
      expect(error.code, path).toBe("ADMIN_NEEDS_SECOND_FACTOR");
      expect(error.message).toMatch(/turn on two-factor authentication or add a passkey/);
    }
  });

  test("an admin with two-factor on (an authenticator app) is let in; so is one with a passkey", async () => {
    const admin = await signedInAdmin(app, { secondFactor: false });
    const enabled = await admin.browser.post("/two-factor/enable", {});
    expect(enabled.status).toBe(200);
    const { totpURI } = await json<{ totpURI: string }>(enabled);
    expect((await admin.browser.post("/two-factor/verify-totp", { code: totp(secretOf(totpURI)) })).status).toBe(200);
    const listed = await admin.browser.client.admin.listUsers({ query: { searchValue: admin.email } });
    expect(listed.error).toBeNull();
    expect(listed.data?.users.map((user) => user.email)).toEqual([admin.email]);
    const withPasskey = await signedInAdmin(app);
    expect((await withPasskey.browser.client.admin.listUsers({ query: {} })).error).toBeNull();
  });
});

describe("floods", () => {
  test("one client gets 60 admin requests a minute, then 429 with Retry-After; the same cookie from another client is not held back", async () => {
    const admin = await signedInAdmin(app);
    const answers = [];
    for (let index = 0; index < 61; index++) answers.push(await admin.browser.get("/admin/list-users"));
    expect(answers.slice(0, 60).map((answer) => answer.status)).toEqual(Array(60).fill(200));
    const held = answers[60];
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    const elsewhere = app.device({ cookies: admin.browser.cookies });
    expect((await elsewhere.get("/admin/list-users")).status).toBe(200);
  });
});

describe("destructive actions need a fresh sign-in", () => {
  test("ban, remove, impersonate, revoke sessions and set-role answer SESSION_NOT_FRESH to an admin signed in long ago", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const token = (await app.db.session.findFirstOrThrow({ where: { userId: member.id } })).token;
    await ageSessions(app, admin.id);
    const { admin: client } = admin.browser.client;
    const answers = [
      await client.banUser({ userId: member.id, banReason: "Spam" }),
      await client.removeUser({ userId: member.id }),
      await client.impersonateUser({ userId: member.id }),
      await client.revokeUserSessions({ userId: member.id }),
      await client.revokeUserSession({ sessionToken: token }),
      await client.setRole({ userId: member.id, role: "user" }),
    ];
    for (const answer of answers) expect(answer.error).toMatchObject({ status: 403, code: "SESSION_NOT_FRESH" });
    // Reading is not destructive: a stale session still lists.
    expect((await client.listUsers({ query: {} })).error).toBeNull();
    const untouched = (await app.userByEmail(member.email))!;
    expect(untouched.banned).toBeFalsy();
    expect(await app.sessionsOf(member.email)).toBe(1);
  });
});

describe("no admin acts on another admin or on themselves", () => {
  test("ban, remove, impersonate, set-role, revoke sessions, update and set a password: refused for the admin's own account", async () => {
    const admin = await signedInAdmin(app);
    const ownToken = (await app.db.session.findFirstOrThrow({ where: { userId: admin.id } })).token;
    const { admin: client } = admin.browser.client;
    const answers = [
      await client.banUser({ userId: admin.id }),
      await client.removeUser({ userId: admin.id }),
      await client.impersonateUser({ userId: admin.id }),
      await client.setRole({ userId: admin.id, role: "user" }),
      await client.revokeUserSessions({ userId: admin.id }),
      await client.revokeUserSession({ sessionToken: ownToken }),
      await client.updateUser({ userId: admin.id, data: { name: "Me" } }),
      await client.setUserPassword({ userId: admin.id, newPassword: "another long password" }),
    ];
    for (const answer of answers) {
      expect(answer.error).toMatchObject({ status: 403, code: "ADMIN_CANNOT_TARGET_SELF" });
      expect(answer.error?.message).toMatch(/their own account/);
    }
    expect((await app.userByEmail(admin.email))!).toMatchObject({ role: "admin", banned: false });
    expect(await app.sessionsOf(admin.email)).toBe(1);
  });

  test("the same for another admin, and for a listed address that has not signed in since it was listed", async () => {
    const admin = await signedInAdmin(app);
    const other = await signedInAdmin(app);
    const otherToken = (await app.db.session.findFirstOrThrow({ where: { userId: other.id } })).token;
    // Listed, signed in before it was: its role is still "user".
    const listedEmail = ADMIN_ADDRESSES[ADMIN_ADDRESSES.length - 1];
    const listed = await app.addMember(listedEmail);
    await app.db.user.update({ where: { id: listed.id }, data: { role: "user" } });
    const { admin: client } = admin.browser.client;
    for (const target of [other.id, listed.id]) {
      const answers = [
        await client.banUser({ userId: target }),
        await client.removeUser({ userId: target }),
        await client.impersonateUser({ userId: target }),
        await client.setRole({ userId: target, role: "user" }),
        await client.revokeUserSessions({ userId: target }),
        await client.updateUser({ userId: target, data: { name: "Renamed" } }),
        await client.setUserPassword({ userId: target, newPassword: "another long password" }),
      ];
      for (const answer of answers) expect(answer.error).toMatchObject({ status: 403, code: "ADMIN_CANNOT_TARGET_ADMIN" });
    }
    expect((await client.revokeUserSession({ sessionToken: otherToken })).error).toMatchObject({ status: 403, code: "ADMIN_CANNOT_TARGET_ADMIN" });
    expect(await app.sessionsOf(other.email)).toBe(1);
    expect((await app.userByEmail(other.email))!).toMatchObject({ role: "admin", banned: false });
    expect(await app.db.account.count({ where: { userId: { in: [other.id, listed.id] }, providerId: "credential" } })).toBe(0);
    expect(await app.userByEmail(listedEmail)).toMatchObject({ name: "Member", banned: false });
  });
});
