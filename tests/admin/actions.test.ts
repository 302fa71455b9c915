import { describe, expect, test } from "vitest";
import { json, startAuthServer } from "../support/auth-server";
import { ADMIN_ENV, ageSessions, signedInAdmin, signedInMember } from "./support";

/**
 * What an admin does to another account, with adminClient(): impersonating it (for an hour at most, unable to
 * change how it signs in, stopped to return to the admin's own session), revoking its sessions, removing it. Each
 * leaves an event naming the admin.
 */

const app = await startAuthServer(ADMIN_ENV);

describe("impersonating", () => {
  test("opens a session as the user for an hour at most; stopping returns to the admin's own; both are events", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const started = await admin.browser.client.admin.impersonateUser({ userId: member.id });
    expect(started.error).toBeNull();
    expect((await admin.browser.session())?.user.id).toBe(member.id);
    const viewing = await app.db.session.findFirstOrThrow({ where: { userId: member.id, impersonatedBy: admin.id } });
    expect(viewing.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60 * 60 * 1000);
    // Asking for the session again does not stretch it past the hour.
    await admin.browser.get("/get-session?disableCookieCache=true");
    const after = await app.db.session.findUniqueOrThrow({ where: { id: viewing.id } });
    expect(after.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60 * 60 * 1000);
    // The member's own sign-ins and links are untouched, and their list of sessions does not show this one.
    expect(await app.activity({ userId: member.id, type: "session.created" })).toHaveLength(1);

    const stopped = await admin.browser.client.admin.stopImpersonating();
    expect(stopped.error).toBeNull();
    expect((await admin.browser.session())?.user.id).toBe(admin.id);
    expect(await app.db.session.count({ where: { impersonatedBy: admin.id } })).toBe(0);
    const events = (await app.activity({ userId: member.id })).filter((event) => event.type.startsWith("admin."));
    expect(events.map((event) => [event.type, event.details.admin])).toEqual([
      ["admin.impersonation_started", admin.id],
      ["admin.impersonation_stopped", admin.id],
    ]);
  });

  test("the session cannot change how the account signs in, delete it, or use the admin endpoints", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    expect((await admin.browser.client.admin.impersonateUser({ userId: member.id })).error).toBeNull();
    const refused = [
      await admin.browser.post("/change-email", { newEmail: "elsewhere@example.com" }),
      await admin.browser.post("/two-factor/enable", {}),
      await admin.browser.post("/account/set-password", { newPassword: "a long new password" }),
      await admin.browser.post("/delete-user", {}),
      await admin.browser.post("/revoke-other-sessions", {}),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expect(await json(answer)).toMatchObject({ code: "NOT_WHILE_IMPERSONATING" });
    }
    const asMember = await admin.browser.client.admin.listUsers({ query: {} });
    expect(asMember.error).toMatchObject({ status: 403, code: "ADMIN_ONLY" });
    expect(await app.db.account.count({ where: { userId: member.id, providerId: "credential" } })).toBe(0);
    expect(await app.sessionsOf(member.email)).toBe(2);
    expect((await admin.browser.client.admin.stopImpersonating()).error).toBeNull();
  });

  test("past its hour the session is refused, as any expired session is", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    expect((await admin.browser.client.admin.impersonateUser({ userId: member.id })).error).toBeNull();
    await app.db.session.updateMany({ where: { userId: member.id, impersonatedBy: admin.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await json(await admin.browser.get("/get-session?disableCookieCache=true"))).toBeNull();
    expect((await admin.browser.get("/account/sessions")).status).toBe(401);
  });

  test("stop-impersonating from a session that is nobody's impersonation is refused", async () => {
    const member = await signedInMember(app);
    const answer = await member.browser.client.admin.stopImpersonating();
    expect(answer.error?.status).toBe(400);
    expect(await app.device().post("/admin/stop-impersonating").then((response) => response.status)).toBe(401);
  });
});

describe("revoking sessions", () => {
  test("all of a user's sessions, or one by its token: each signed out at once, each an event", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const laptop = await app.signedIn(member.email);
    const listed = await admin.browser.client.admin.listUserSessions({ userId: member.id });
    expect(listed.data?.sessions).toHaveLength(2);
    const laptopToken = (await app.db.session.findFirstOrThrow({ where: { userId: member.id }, orderBy: { createdAt: "desc" } })).token;
    expect((await admin.browser.client.admin.revokeUserSession({ sessionToken: laptopToken })).error).toBeNull();
    expect(await json(await laptop.get("/get-session?disableCookieCache=true"))).toBeNull();
    expect(await app.sessionsOf(member.email)).toBe(1);
    expect((await admin.browser.client.admin.revokeUserSessions({ userId: member.id })).error).toBeNull();
    expect(await app.sessionsOf(member.email)).toBe(0);
    expect(await json(await member.browser.get("/get-session?disableCookieCache=true"))).toBeNull();
    const events = await app.activity({ userId: member.id, type: "admin.sessions_revoked" });
    expect(events.map((event) => event.details)).toEqual([
      { admin: admin.id, sessions: 1 },
      { admin: admin.id, sessions: "all" },
    ]);
  });
});

describe("sessions by id (the console's way: lists carry no tokens)", () => {
  test("list-user-sessions answers without tokens; revoke-session signs one out by its id, an event naming the admin", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const laptop = await app.signedIn(member.email);
    const listed = await admin.browser.client.admin.listUserSessions({ userId: member.id });
    expect(listed.data?.sessions).toHaveLength(2);
    for (const session of listed.data!.sessions) expect(session).not.toHaveProperty("token");
    const newest = await app.db.session.findFirstOrThrow({ where: { userId: member.id }, orderBy: { createdAt: "desc" } });
    const answer = await admin.browser.post("/admin/revoke-session", { userId: member.id, sessionId: newest.id });
    expect(answer.status).toBe(200);
    expect(await json(await laptop.get("/get-session?disableCookieCache=true"))).toBeNull();
    expect(await app.sessionsOf(member.email)).toBe(1);
    expect((await app.activity({ userId: member.id, type: "admin.sessions_revoked" })).map((event) => event.details)).toEqual([
      { admin: admin.id, sessions: 1 },
    ]);
    // The same id again: already gone.
    const again = await admin.browser.post("/admin/revoke-session", { userId: member.id, sessionId: newest.id });
    expect(again.status).toBe(404);
    expect(await json(again)).toMatchObject({ code: "SESSION_NOT_FOUND" });
  });

  test("another user's session id, an admin's, a member's cookie, an old sign-in, garbage: refused, nothing signed out", async () => {
    const admin = await signedInAdmin(app);
    const otherAdmin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const bystander = await signedInMember(app, "bystander");
    const bystanderSession = await app.db.session.findFirstOrThrow({ where: { userId: bystander.id } });
    const memberSession = await app.db.session.findFirstOrThrow({ where: { userId: member.id } });
    const adminSession = await app.db.session.findFirstOrThrow({ where: { userId: otherAdmin.id } });

    // The member's id with the bystander's session: "not found", whichever way round.
    const crossed = await admin.browser.post("/admin/revoke-session", { userId: member.id, sessionId: bystanderSession.id });
    expect(crossed.status).toBe(404);
    const onAdmin = await admin.browser.post("/admin/revoke-session", { userId: otherAdmin.id, sessionId: adminSession.id });
    expect(onAdmin.status).toBe(403);
    expect(await json(onAdmin)).toMatchObject({ code: "ADMIN_CANNOT_TARGET_ADMIN" });
    const byMember = await bystander.browser.post("/admin/revoke-session", { userId: member.id, sessionId: memberSession.id });
    expect(byMember.status).toBe(403);
    expect(await json(byMember)).toMatchObject({ code: "ADMIN_ONLY" });
    expect((await app.device().post("/admin/revoke-session", { userId: member.id, sessionId: memberSession.id })).status).toBe(401);
    for (const body of [{}, { userId: member.id }, { userId: member.id, sessionId: 12 }, { userId: "x".repeat(5000), sessionId: "y" }]) {
      const answer = await admin.browser.post("/admin/revoke-session", body);
      expect(answer.status).toBe(400);
    }
    await ageSessions(app, admin.id);
    const stale = await admin.browser.post("/admin/revoke-session", { userId: member.id, sessionId: memberSession.id });
    expect(stale.status).toBe(403);
    expect(await json(stale)).toMatchObject({ code: "SESSION_NOT_FRESH" });
    expect(await app.sessionsOf(member.email)).toBe(1);
    expect(await app.sessionsOf(bystander.email)).toBe(1);
    expect(await app.sessionsOf(otherAdmin.email)).toBe(1);
  });
});

describe("last sign-in", () => {
  test("is noted at each sign-in, and not when an admin opens a session as the account", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const first = (await app.userByEmail(member.email))!.lastSignInAt;
    expect(first).toBeInstanceOf(Date);
    expect((await admin.browser.client.admin.impersonateUser({ userId: member.id })).error).toBeNull();
    expect((await app.userByEmail(member.email))!.lastSignInAt).toEqual(first);
    await app.signedIn(member.email);
    expect((await app.userByEmail(member.email))!.lastSignInAt!.getTime()).toBeGreaterThan(first!.getTime());
  });
});

describe("removing a user", () => {
  test("deletes the account, its sessions and its traces; the event names the admin and the account", async () => {
    const admin = await signedInAdmin(app);
    const member = await signedInMember(app);
    const removed = await admin.browser.client.admin.removeUser({ userId: member.id });
    expect(removed.error).toBeNull();
    expect(await app.userByEmail(member.email)).toBeNull();
    expect(await json(await member.browser.get("/get-session?disableCookieCache=true"))).toBeNull();
    expect(await app.activity({ userId: member.id })).toEqual([]);
    expect(await app.mailbox(member.email)).toEqual([]);
    const [event] = await app.activity({ type: "admin.user_deleted" });
    expect(event).toMatchObject({ userId: null, details: { admin: admin.id, user: member.id } });
  });

  test("is refused while the account alone owns an organization with other members", async () => {
    const admin = await signedInAdmin(app);
    const owner = await signedInMember(app, "owner");
    const other = await signedInMember(app, "other");
    const { data: org } = await owner.browser.client.organization.create({ name: "Engines", slug: `engines-${owner.id.slice(0, 6).toLowerCase()}` });
    await app.db.member.create({ data: { id: crypto.randomUUID(), organizationId: org!.id, userId: other.id, role: "member", createdAt: new Date() } });
    const refused = await admin.browser.client.admin.removeUser({ userId: owner.id });
    expect(refused.error).toMatchObject({ status: 400, code: "ONLY_OWNER_OF_ORGANIZATION" });
    expect(await app.userByEmail(owner.email)).not.toBeNull();
  });
});
