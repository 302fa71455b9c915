import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, expect, test } from "vitest";
import { startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * An invitation whose email cannot be sent: the provider (a local stand-in for Resend's API, reached over HTTP by
 * the real Resend client) is down. The inviter is told (503), and nobody was invited: no invitation is left that
 * would block inviting the address again once the provider is back.
 */

const provider = { down: false, sent: [] as { to: string; text: string }[] };
const server = createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  const email = JSON.parse(body) as { to: string[] | string; text: string };
  response.writeHead(provider.down ? 500 : 200, { "content-type": "application/json" });
  if (provider.down) {
    response.end(JSON.stringify({ statusCode: 500, name: "internal_server_error", message: "Down" }));
    return;
  }
  provider.sent.push({ to: email.to.toString(), text: email.text });
  response.end(JSON.stringify({ id: `email_${provider.sent.length}` }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const app = await startAuthServer({ MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_key", EMAIL_FROM: "Acme <login@acme.test>" });
afterAll(() => {
  delete process.env.RESEND_BASE_URL;
  server.close();
});

/** The first link under `pathname` in the newest email the provider accepted for an address. */
function sentLink(to: string, pathname: string) {
  const email = provider.sent.findLast((sent) => sent.to === to);
  const link = email?.text.match(/https?:\/\/\S+/g)?.map((found) => new URL(found)).find((found) => found.pathname.startsWith(pathname));
  if (!link) throw new Error(`No ${pathname} link sent to ${to}`);
  return link;
}

async function owner() {
  const email = uniqueEmail("owner");
  const browser = app.device();
  expect((await browser.post("/sign-in/magic-link", { email, callbackURL: "/dashboard" })).status).toBe(200);
  await browser.confirm(sentLink(email, "/sign-in/confirm"));
  const { data } = await browser.client.organization.create({ name: "Outage Inc", slug: `outage-${Date.now()}` });
  return { browser, organizationId: data!.id };
}

test("a new invitation whose email fails answers 503 and leaves nothing behind; it can be sent once the provider is back", async () => {
  const { browser, organizationId } = await owner();
  const invitee = uniqueEmail("invitee");
  provider.down = true;
  const failed = await browser.post("/organization/invite-member", { email: invitee, role: "member", organizationId });
  provider.down = false;
  expect(failed.status).toBe(503);
  expect(await failed.json()).toMatchObject({ code: "EMAIL_NOT_SENT" });
  expect(await app.db.invitation.count({ where: { organizationId } })).toBe(0);
  expect((await app.activity({ type: "member.invited" })).filter((event) => event.organizationId === organizationId)).toHaveLength(0);

  const again = await browser.client.organization.inviteMember({ email: invitee, role: "member", organizationId });
  expect(again.error).toBeNull();
  expect(sentLink(invitee, "/invitations").pathname).toBe(`/invitations/${again.data!.id}`);
});

test("a re-sent invitation whose email fails answers 503 and stays as it was, still usable", async () => {
  const { browser, organizationId } = await owner();
  const invitee = uniqueEmail("invitee");
  const first = await browser.client.organization.inviteMember({ email: invitee, role: "member", organizationId });
  provider.down = true;
  const failed = await browser.post("/organization/invite-member", { email: invitee, role: "member", organizationId, resend: true });
  provider.down = false;
  expect(failed.status).toBe(503);
  expect((await app.db.invitation.findUniqueOrThrow({ where: { id: first.data!.id } })).status).toBe("pending");
});
