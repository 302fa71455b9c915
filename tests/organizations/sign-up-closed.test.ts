import { expect, test } from "vitest";
import { startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * Sign-up closed (AUTH_DISABLE_SIGN_UP=true), as an invitation-only app runs: an organization's invitation is how a
 * new address gets in. The invited address signs in by its emailed link and joins; an address nobody invited is
 * still told there is no account, and gets none.
 */

const app = await startAuthServer({ AUTH_DISABLE_SIGN_UP: "true" });

async function owner() {
  const email = uniqueEmail("owner");
  await app.addMember(email);
  const browser = await app.signedIn(email);
  const { data } = await browser.client.organization.create({ name: "Closed Co", slug: `closed-${Date.now()}` });
  return { browser, organizationId: data!.id };
}

test("an invited address with no account signs in by its link and joins", async () => {
  const { browser, organizationId } = await owner();
  const invitee = uniqueEmail("invitee");
  const invited = await browser.client.organization.inviteMember({ email: invitee, role: "member", organizationId });
  expect(invited.error).toBeNull();
  // An account waits for it, unconfirmed, until its own link proves the address.
  expect(await app.userByEmail(invitee)).toMatchObject({ emailVerified: false });

  const guest = await app.signedIn(invitee);
  expect((await guest.session())?.user).toMatchObject({ email: invitee, emailVerified: true });
  const accepted = await guest.client.organization.acceptInvitation({ invitationId: invited.data!.id });
  expect(accepted.error).toBeNull();
  expect(await app.db.member.count({ where: { organizationId } })).toBe(2);
});

test("an address nobody invited still gets the no-account email, and no account", async () => {
  const stranger = uniqueEmail("stranger");
  expect((await app.device().post("/sign-in/magic-link", { email: stranger, callbackURL: "/dashboard" })).status).toBe(200);
  expect((await app.latestEmail(stranger)).html).toContain("No Acme account for this address");
  expect(await app.userByEmail(stranger)).toBeNull();
});
