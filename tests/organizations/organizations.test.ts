import { describe, expect, test } from "vitest";
import { json, startAuthServer, uniqueEmail, type Device } from "../support/auth-server";

/**
 * Organizations over HTTP with the official client (organizationClient()), every rule tried with the other
 * party's real ids: create, invite (an existing account and a new address), accept, switch, change roles, remove,
 * leave, delete, and what members, admins, outsiders and removed members are refused.
 */

const app = await startAuthServer({ MAGIC_LINK_ADDRESS_LIMIT: "50" });

type Org = { id: string; name: string; slug: string };
const slug = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}`;

async function signedInAs(email = uniqueEmail("org")) {
  const browser = await app.signedIn(email);
  return { browser, email };
}

async function createOrganization(browser: Device, name = "Analytical Engines", orgSlug = slug("engines")) {
  const { data, error } = await browser.client.organization.create({ name, slug: orgSlug });
  if (error || !data) throw new Error(`Creating an organization failed: ${JSON.stringify(error)}`);
  return data as Org;
}

/** The id in the newest invitation email to an address (its link is /invitations/<id>). */
async function invitationIdFor(email: string) {
  const link = await app.latestLink(email, "/invitations");
  return link.pathname.split("/").pop()!;
}

/** An owner, an organization, and a member of each other role who joined by invitation. */
async function team() {
  const owner = await signedInAs(uniqueEmail("owner"));
  const org = await createOrganization(owner.browser);
  const join = async (role: "admin" | "member") => {
    const person = await signedInAs(uniqueEmail(role));
    const invited = await owner.browser.client.organization.inviteMember({ email: person.email, role, organizationId: org.id });
    expect(invited.error).toBeNull();
    const accepted = await person.browser.client.organization.acceptInvitation({ invitationId: await invitationIdFor(person.email) });
    expect(accepted.error).toBeNull();
    const memberId = (accepted.data as { member: { id: string } }).member.id;
    return { ...person, memberId };
  };
  const admin = await join("admin");
  const member = await join("member");
  const ownerMemberId = (await app.db.member.findFirstOrThrow({ where: { organizationId: org.id, role: "owner" } })).id;
  return { owner: { ...owner, memberId: ownerMemberId }, admin, member, org };
}

describe("creating", () => {
  test("makes the creator its owner and the active organization; the event names both", async () => {
    const { browser } = await signedInAs();
    const org = await createOrganization(browser, "  Acme Rockets  ", slug("acme"));
    expect(org.name).toBe("Acme Rockets");
    const members = await app.db.member.findMany({ where: { organizationId: org.id } });
    expect(members.map((member) => member.role)).toEqual(["owner"]);
    const session = await json<{ session: { activeOrganizationId: string } }>(await browser.get("/get-session"));
    expect(session.session.activeOrganizationId).toBe(org.id);
    const [event] = await app.activity({ type: "organization.created" }).then((events) => events.filter((e) => e.organizationId === org.id));
    expect(event).toMatchObject({ userId: members[0].userId, details: { name: "Acme Rockets" } });
  });

  test("refuses a slug that is taken, malformed or too long, and an empty or overlong name, each with its own answer", async () => {
    const { browser } = await signedInAs();
    const taken = slug("taken");
    await createOrganization(browser, "First", taken);
    const again = await browser.client.organization.create({ name: "Second", slug: taken });
    expect(again.error).toMatchObject({ status: 400, code: "ORGANIZATION_ALREADY_EXISTS" });
    for (const bad of ["Has Spaces", "-leading", "trailing-", "double--hyphen", "a", "x".repeat(49), "ünïcode"]) {
      const answer = await browser.client.organization.create({ name: "Fine", slug: bad });
      expect(answer.error, bad).toMatchObject({ status: 400, code: "INVALID_ORGANIZATION_SLUG" });
    }
    for (const bad of ["", "   ", "x".repeat(65), "tab\there"]) {
      const answer = await browser.client.organization.create({ name: bad, slug: slug("fine") });
      expect(answer.error?.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await app.db.organization.count({ where: { slug: { startsWith: "fine-" } } })).toBe(0);
  });

  test("needs a session", async () => {
    const answer = await app.device().post("/organization/create", { name: "Nobody's", slug: slug("nobody") });
    expect(answer.status).toBe(401);
  });
});

describe("inviting", () => {
  test("an address with no account: the email leads to the invitation page; signing in by link and accepting joins", async () => {
    const owner = await signedInAs(uniqueEmail("owner"));
    const org = await createOrganization(owner.browser, "Difference Engines");
    const newcomer = uniqueEmail("newcomer");
    const invited = await owner.browser.client.organization.inviteMember({ email: newcomer.toUpperCase(), role: "member", organizationId: org.id });
    expect(invited.error).toBeNull();
    const email = await app.latestEmail(newcomer);
    expect(email.subject).toContain("invited you to Difference Engines");
    expect(email.text).toContain("as a member");
    expect(await app.userByEmail(newcomer)).toBeNull();
    // The link's page uses nothing: opening it (as a mail scanner would) leaves the invitation pending.
    const id = await invitationIdFor(newcomer);
    expect((await app.db.invitation.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    const browser = await app.signedIn(newcomer);
    const accepted = await browser.client.organization.acceptInvitation({ invitationId: id });
    expect(accepted.error).toBeNull();
    const session = await json<{ session: { activeOrganizationId: string } }>(await browser.get("/get-session"));
    expect(session.session.activeOrganizationId).toBe(org.id);
    const events = (await app.activity()).filter((event) => event.organizationId === org.id).map((event) => event.type);
    expect(events).toEqual(["organization.created", "member.invited", "member.joined"]);
  });

  test("an existing member, or an address already invited, gets a clear answer and no email", async () => {
    const { owner, member, org } = await team();
    const already = await owner.browser.client.organization.inviteMember({ email: member.email, role: "member", organizationId: org.id });
    expect(already.error).toMatchObject({ status: 400, code: "USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION" });
    const pending = uniqueEmail("pending");
    await owner.browser.client.organization.inviteMember({ email: pending, role: "member", organizationId: org.id });
    const twice = await owner.browser.client.organization.inviteMember({ email: pending, role: "member", organizationId: org.id });
    expect(twice.error).toMatchObject({ status: 400, code: "USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION" });
    expect(await app.mailbox(pending)).toHaveLength(1);
    // Re-sending is asked for by name: a second email, the same invitation, a later expiry.
    const resent = await owner.browser.client.organization.inviteMember({ email: pending, role: "member", organizationId: org.id, resend: true });
    expect(resent.error).toBeNull();
    expect(await app.mailbox(pending)).toHaveLength(2);
    expect(await app.db.invitation.count({ where: { email: pending } })).toBe(1);
  });

  test("invitations last ORG_INVITATION_EXPIRES_IN (7 days by default); an expired one is refused", async () => {
    const owner = await signedInAs(uniqueEmail("owner"));
    const org = await createOrganization(owner.browser);
    const invitee = await signedInAs(uniqueEmail("late"));
    const before = Date.now();
    await owner.browser.client.organization.inviteMember({ email: invitee.email, role: "member", organizationId: org.id });
    const id = await invitationIdFor(invitee.email);
    const { expiresAt } = await app.db.invitation.findUniqueOrThrow({ where: { id } });
    expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(604800 * 1000 - 5000);
    expect(expiresAt.getTime() - before).toBeLessThanOrEqual(604800 * 1000 + 5000);
    await app.db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await invitee.browser.client.organization.acceptInvitation({ invitationId: id });
    expect(late.error).toMatchObject({ status: 400, code: "INVITATION_NOT_FOUND" });
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(1);
  });

  test("is accepted only by the address it was sent to, once; a revoked one is dead", async () => {
    const owner = await signedInAs(uniqueEmail("owner"));
    const org = await createOrganization(owner.browser);
    const invitee = await signedInAs(uniqueEmail("invitee"));
    const stranger = await signedInAs(uniqueEmail("stranger"));
    await owner.browser.client.organization.inviteMember({ email: invitee.email, role: "admin", organizationId: org.id });
    const id = await invitationIdFor(invitee.email);
    const stolen = await stranger.browser.client.organization.acceptInvitation({ invitationId: id });
    expect(stolen.error).toMatchObject({ status: 403, code: "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION" });
    expect((await invitee.browser.client.organization.acceptInvitation({ invitationId: id })).error).toBeNull();
    const replay = await invitee.browser.client.organization.acceptInvitation({ invitationId: id });
    expect(replay.error).toMatchObject({ status: 400, code: "INVITATION_NOT_FOUND" });
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(2);

    const other = await signedInAs(uniqueEmail("revoked"));
    await owner.browser.client.organization.inviteMember({ email: other.email, role: "member", organizationId: org.id });
    const revokedId = await invitationIdFor(other.email);
    expect((await owner.browser.client.organization.cancelInvitation({ invitationId: revokedId })).error).toBeNull();
    const dead = await other.browser.client.organization.acceptInvitation({ invitationId: revokedId });
    expect(dead.error).toMatchObject({ status: 400, code: "INVITATION_NOT_FOUND" });
    const events = (await app.activity({ type: "invitation.revoked" })).filter((event) => event.organizationId === org.id);
    expect(events).toHaveLength(1);
  });

  test("one organization cannot flood an address: the fifth invitation in an hour to one inbox is refused, from any organization", async () => {
    const target = uniqueEmail("flooded");
    for (let index = 0; index < 5; index++) {
      const owner = await signedInAs(uniqueEmail("flooder"));
      const org = await createOrganization(owner.browser);
      const answer = await owner.browser.client.organization.inviteMember({ email: target, role: "member", organizationId: org.id });
      expect(answer.error, `invitation ${index + 1}`).toBeNull();
    }
    const owner = await signedInAs(uniqueEmail("flooder"));
    const org = await createOrganization(owner.browser);
    const sixth = await owner.browser.post("/organization/invite-member", { email: target.replace("@", "+tag@"), role: "member", organizationId: org.id });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    // Refused means nobody was invited: no row left behind, no sixth email.
    expect(await app.db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await app.mailbox(target)).toHaveLength(5);
  });

  test("one organization sends at most 20 invitation emails an hour", async () => {
    const owner = await signedInAs(uniqueEmail("owner"));
    const org = await createOrganization(owner.browser);
    for (let index = 0; index < 20; index++) {
      const answer = await owner.browser.client.organization.inviteMember({ email: uniqueEmail(`bulk${index}`), role: "member", organizationId: org.id });
      expect(answer.error, `invitation ${index + 1}`).toBeNull();
    }
    const over = await owner.browser.post("/organization/invite-member", { email: uniqueEmail("over"), role: "member", organizationId: org.id });
    expect(over.status).toBe(429);
  });

  test("garbage addresses and roles get a 400", async () => {
    const owner = await signedInAs(uniqueEmail("owner"));
    const org = await createOrganization(owner.browser);
    for (const email of ["not-an-address", "", "a@b@c.com", `${"x".repeat(250)}@example.com`]) {
      const answer = await owner.browser.post("/organization/invite-member", { email, role: "member", organizationId: org.id });
      expect(answer.status, email).toBe(400);
    }
    const badRole = await owner.browser.post("/organization/invite-member", { email: uniqueEmail(), role: "superuser", organizationId: org.id });
    expect(badRole.status).toBe(400);
  });
});

describe("roles", () => {
  test("members cannot invite, remove or change roles", async () => {
    const { admin, member, org } = await team();
    const invite = await member.browser.client.organization.inviteMember({ email: uniqueEmail(), role: "member", organizationId: org.id });
    expect(invite.error?.status).toBe(403);
    const remove = await member.browser.client.organization.removeMember({ memberIdOrEmail: admin.memberId, organizationId: org.id });
    expect(remove.error?.status).toBeGreaterThanOrEqual(400);
    const promote = await member.browser.client.organization.updateMemberRole({ memberId: member.memberId, role: "owner", organizationId: org.id });
    expect(promote.error?.status).toBe(403);
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(3);
    expect((await app.db.member.findUniqueOrThrow({ where: { id: member.memberId } })).role).toBe("member");
  });

  test("admins cannot touch owners, nor make anyone an owner", async () => {
    const { owner, admin, member, org } = await team();
    const remove = await admin.browser.client.organization.removeMember({ memberIdOrEmail: owner.memberId, organizationId: org.id });
    expect(remove.error).toMatchObject({ status: 403, code: "ONLY_OWNERS_MANAGE_OWNERS" });
    const byEmail = await admin.browser.client.organization.removeMember({ memberIdOrEmail: owner.email, organizationId: org.id });
    expect(byEmail.error).toMatchObject({ status: 403, code: "ONLY_OWNERS_MANAGE_OWNERS" });
    const demote = await admin.browser.client.organization.updateMemberRole({ memberId: owner.memberId, role: "member", organizationId: org.id });
    expect(demote.error?.status).toBe(403);
    const crown = await admin.browser.client.organization.updateMemberRole({ memberId: member.memberId, role: "owner", organizationId: org.id });
    expect(crown.error?.status).toBe(403);
    // What admins may do: change a member's role, remove a member.
    const promoted = await admin.browser.client.organization.updateMemberRole({ memberId: member.memberId, role: "admin", organizationId: org.id });
    expect(promoted.error).toBeNull();
    const events = (await app.activity({ type: "member.role_changed" })).filter((event) => event.organizationId === org.id);
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({ from: "member", to: "admin" });
  });

  test("the last owner can neither leave nor be demoted or removed", async () => {
    const { owner, org } = await team();
    const leave = await owner.browser.client.organization.leave({ organizationId: org.id });
    expect(leave.error).toMatchObject({ status: 400, code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER" });
    const demote = await owner.browser.client.organization.updateMemberRole({ memberId: owner.memberId, role: "admin", organizationId: org.id });
    expect(demote.error).toMatchObject({ status: 400, code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER" });
    const remove = await owner.browser.client.organization.removeMember({ memberIdOrEmail: owner.memberId, organizationId: org.id });
    expect(remove.error).toMatchObject({ status: 400, code: "LAST_OWNER" });
    expect((await app.db.member.findUniqueOrThrow({ where: { id: owner.memberId } })).role).toBe("owner");
  });

  test("with a second owner, the first may leave; the events say who left", async () => {
    const { owner, admin, org } = await team();
    expect((await owner.browser.client.organization.updateMemberRole({ memberId: admin.memberId, role: "owner", organizationId: org.id })).error).toBeNull();
    expect((await owner.browser.client.organization.leave({ organizationId: org.id })).error).toBeNull();
    const [left] = (await app.activity({ type: "member.left" })).filter((event) => event.organizationId === org.id);
    const ownerUser = await app.userByEmail(owner.email);
    expect(left.userId).toBe(ownerUser!.id);
  });
});

describe("outsiders and removed members", () => {
  test("nobody reads or changes an organization they are not in, by its real id", async () => {
    const { owner, member, org } = await team();
    const outsider = await signedInAs(uniqueEmail("outsider"));
    const { client } = outsider.browser;
    const full = await client.organization.getFullOrganization({ query: { organizationId: org.id } });
    expect(full.error?.status).toBe(403);
    const members = await client.organization.listMembers({ query: { organizationId: org.id } });
    expect(members.error?.status).toBe(403);
    const invitations = await client.organization.listInvitations({ query: { organizationId: org.id } });
    expect(invitations.error?.status).toBeGreaterThanOrEqual(400);
    const setActive = await client.organization.setActive({ organizationId: org.id });
    expect(setActive.error?.status).toBe(403);
    const update = await client.organization.update({ organizationId: org.id, data: { name: "Mine now" } });
    expect(update.error?.status).toBeGreaterThanOrEqual(400);
    const remove = await client.organization.removeMember({ memberIdOrEmail: member.memberId, organizationId: org.id });
    expect(remove.error?.status).toBeGreaterThanOrEqual(400);
    const invite = await client.organization.inviteMember({ email: uniqueEmail(), role: "member", organizationId: org.id });
    expect(invite.error?.status).toBeGreaterThanOrEqual(400);
    const remove2 = await client.organization.delete({ organizationId: org.id });
    expect(remove2.error?.status).toBeGreaterThanOrEqual(400);
    // An owner of another organization passing this one's member id through their own organization.
    const otherOrg = await createOrganization(outsider.browser);
    const crossed = await client.organization.removeMember({ memberIdOrEmail: owner.memberId, organizationId: otherOrg.id });
    expect(crossed.error?.status).toBe(400);
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(3);
    expect((await app.db.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("Analytical Engines");
    // Nor its activity page, which shows owners and admins only.
    await outsider.browser.client.organization.setActive({ organizationId: otherOrg.id });
  });

  test("a removed member loses access on their next request", async () => {
    const { owner, member, org } = await team();
    expect((await member.browser.client.organization.getFullOrganization({ query: { organizationId: org.id } })).error).toBeNull();
    expect((await owner.browser.client.organization.removeMember({ memberIdOrEmail: member.memberId, organizationId: org.id })).error).toBeNull();
    const after = await member.browser.client.organization.getFullOrganization({ query: { organizationId: org.id } });
    expect(after.error?.status).toBe(403);
    const session = await app.db.session.findFirstOrThrow({ where: { user: { email: member.email } } });
    expect(session.activeOrganizationId).toBeNull();
    const [removed] = (await app.activity({ type: "member.removed" })).filter((event) => event.organizationId === org.id);
    expect(removed.details.member).not.toContain(member.email);
  });
});

describe("deleting", () => {
  test("only an owner deletes; every membership and invitation goes with it, and no session points at it", async () => {
    const { owner, admin, org } = await team();
    await owner.browser.client.organization.inviteMember({ email: uniqueEmail("pending"), role: "member", organizationId: org.id });
    const byAdmin = await admin.browser.client.organization.delete({ organizationId: org.id });
    expect(byAdmin.error?.status).toBe(403);
    expect((await owner.browser.client.organization.delete({ organizationId: org.id })).error).toBeNull();
    expect(await app.db.organization.count({ where: { id: org.id } })).toBe(0);
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await app.db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await app.db.session.count({ where: { activeOrganizationId: org.id } })).toBe(0);
    expect((await app.activity({ type: "organization.deleted" })).some((event) => event.organizationId === org.id)).toBe(true);
  });

  test("needs a fresh sign-in", async () => {
    const owner = await signedInAs(uniqueEmail("owner"));
    const org = await createOrganization(owner.browser);
    await app.db.session.updateMany({ where: { user: { email: owner.email } }, data: { createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000) } });
    const stale = await owner.browser.client.organization.delete({ organizationId: org.id });
    expect(stale.error).toMatchObject({ status: 403, code: "SESSION_NOT_FRESH" });
    expect(await app.db.organization.count({ where: { id: org.id } })).toBe(1);
  });
});

describe("deleting an account", () => {
  /** Deletes the signed-in account as the account area does: the emailed link's token, then the confirmation. */
  async function deleteAccount(browser: Device, email: string) {
    expect((await browser.client.deleteUser({})).error).toBeNull();
    const token = (await app.latestLink(email, "/account/delete")).searchParams.get("token")!;
    return browser.client.deleteUser({ token });
  }

  test("is refused while it is an organization's only owner with other members, and says which", async () => {
    const { owner, org } = await team();
    const refused = await deleteAccount(owner.browser, owner.email);
    expect(refused.error).toMatchObject({ status: 400, code: "ONLY_OWNER_OF_ORGANIZATION" });
    expect(refused.error?.message).toContain("Analytical Engines");
    expect(await app.userByEmail(owner.email)).not.toBeNull();
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(3);
  });

  test("takes an organization it is alone in with it, leaves the others, and keeps their activity without its id", async () => {
    const { owner, member, org } = await team();
    const own = await createOrganization(member.browser, "Solo");
    expect((await deleteAccount(member.browser, member.email)).error).toBeNull();
    expect(await app.db.organization.count({ where: { id: own.id } })).toBe(0);
    expect(await app.db.member.count({ where: { organizationId: org.id } })).toBe(2);
    const joined = (await app.activity({ type: "member.joined" })).filter((event) => event.organizationId === org.id);
    expect(joined.map((event) => event.userId)).toContain(null);
    expect((await owner.browser.client.organization.listMembers({ query: { organizationId: org.id } })).error).toBeNull();
  });
});
