import { createAuthClient } from "better-auth/client";
import { adminClient, emailOTPClient, magicLinkClient, organizationClient } from "better-auth/client/plugins";
import { expect, randomClientIp, test } from "./fixtures";
import { softwarePasskey } from "./accounts";
import { baseURL, E2E_ADMINS } from "./config";
import { latestCode, latestLink, uniqueEmail, usersWithEmail, wrongCode } from "./helpers";

/** The official client, from Node, as a client of its own. */
const officialClient = () =>
  createAuthClient({
    baseURL: baseURL(),
    plugins: [magicLinkClient(), emailOTPClient()],
    // Browsers send Origin themselves; Node's fetch does not, and the server's CSRF check wants it.
    fetchOptions: { headers: { origin: baseURL(), "x-real-ip": randomClientIp() } },
  });

test.describe("the official better-auth client, unchanged", () => {
  test("signIn.magicLink sends the link and magicLink.verify signs in", async ({ request }) => {
    const client = officialClient();
    const email = uniqueEmail("client");

    const sent = await client.signIn.magicLink({ email, callbackURL: "/dashboard" });
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ status: true });

    const token = (await latestLink(request, email)).searchParams.get("token")!;
    let sessionCookie = "";
    const verified = await client.magicLink.verify({
      query: { token },
      fetchOptions: { onResponse: ({ response }) => void (sessionCookie = response.headers.get("set-cookie") ?? "") },
    });
    expect(verified.error).toBeNull();
    expect(verified.data?.user.email).toBe(email);
    expect(sessionCookie).toMatch(/better-auth\.session_token=/);

    const session = await client.getSession({
      fetchOptions: { headers: { cookie: sessionCookie.split(";")[0] } },
    });
    expect(session.data?.user.email).toBe(email);

    // A used token is refused the way the protocol refuses it: a redirect carrying error=INVALID_TOKEN.
    let landedOn = "";
    const reused = await client.magicLink.verify({
      query: { token },
      fetchOptions: {
        redirect: "manual",
        onResponse: ({ response }) => void (landedOn = response.headers.get("location") ?? ""),
      },
    });
    expect(landedOn).toBe(`${baseURL()}/?error=INVALID_TOKEN`);
    expect(reused.data).toBeNull();
  });
});

test.describe("the official better-auth client with emailOTPClient(), unchanged", () => {
  test("emailOtp.sendVerificationOtp sends a code and signIn.emailOtp signs in with it", async ({ request }) => {
    const client = officialClient();
    const email = uniqueEmail("otp-client");

    const sent = await client.emailOtp.sendVerificationOtp({ email, type: "sign-in" });
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ success: true });

    const otp = await latestCode(request, email);
    const wrong = await client.signIn.emailOtp({ email, otp: wrongCode(otp) });
    expect(wrong.error).toMatchObject({ status: 400, code: "INVALID_OTP", message: "That code is not right. 2 tries left." });

    let sessionCookie = "";
    const signedIn = await client.signIn.emailOtp({
      email,
      otp,
      fetchOptions: { onResponse: ({ response }: { response: Response }) => void (sessionCookie = response.headers.get("set-cookie") ?? "") },
    });
    expect(signedIn.error).toBeNull();
    expect(signedIn.data?.user.email).toBe(email);
    const session = await client.getSession({ fetchOptions: { headers: { cookie: sessionCookie.split(";")[0] } } });
    expect(session.data?.user.email).toBe(email);

    const reused = await client.signIn.emailOtp({ email, otp });
    expect(reused.error).toMatchObject({ status: 400, code: "INVALID_OTP" });
  });
});

/** A client of its own, signed in by an emailed link, its session cookie sent with every request. */
async function signedInClient(request: Parameters<typeof latestLink>[0], email: string) {
  let cookie = "";
  const client = createAuthClient({
    baseURL: baseURL(),
    plugins: [magicLinkClient(), organizationClient(), adminClient()],
    fetchOptions: {
      headers: { origin: baseURL(), "x-real-ip": randomClientIp() },
      onRequest: (context) => {
        if (cookie) context.headers.set("cookie", cookie);
      },
      onResponse: ({ response }) => {
        const session = response.headers.get("set-cookie")?.match(/better-auth\.session_token=[^;]+/)?.[0];
        if (session) cookie = session;
      },
    },
  });
  await client.signIn.magicLink({ email, callbackURL: "/dashboard" });
  const token = (await latestLink(request, email)).searchParams.get("token")!;
  await client.magicLink.verify({ query: { token } });
  return client;
}

test.describe("the official better-auth client with organizationClient(), unchanged", () => {
  test("organization.create, inviteMember, acceptInvitation and listMembers over HTTP", async ({ request }) => {
    const ownerEmail = uniqueEmail("org-client-owner");
    const inviteeEmail = uniqueEmail("org-client-invitee");
    const owner = await signedInClient(request, ownerEmail);
    const invitee = await signedInClient(request, inviteeEmail);

    const created = await owner.organization.create({ name: "Client Co", slug: `client-co-${Date.now()}` });
    expect(created.error).toBeNull();
    const organizationId = created.data!.id;
    const invited = await owner.organization.inviteMember({ email: inviteeEmail, role: "member", organizationId });
    expect(invited.error).toBeNull();
    const invitationId = (await latestLink(request, inviteeEmail, undefined, "/invitations")).pathname.split("/").pop()!;
    expect(invitationId).toBe(invited.data!.id);

    const outsider = await signedInClient(request, uniqueEmail("org-client-outsider"));
    const stolen = await outsider.organization.acceptInvitation({ invitationId });
    expect(stolen.error?.status).toBe(403);

    const accepted = await invitee.organization.acceptInvitation({ invitationId });
    expect(accepted.error).toBeNull();
    const members = await invitee.organization.listMembers({ query: { organizationId } });
    expect(members.data?.members.map((member) => member.user.email).sort()).toEqual([inviteeEmail, ownerEmail].sort());
    const refused = await outsider.organization.listMembers({ query: { organizationId } });
    expect(refused.error?.status).toBe(403);
  });
});

test.describe("the official better-auth client with adminClient(), unchanged", () => {
  test("admin.listUsers, listUserSessions, banUser and unbanUser over HTTP; a member's client is refused", async ({ request }) => {
    const admin = await signedInClient(request, E2E_ADMINS[19]);
    await softwarePasskey(String((await usersWithEmail(E2E_ADMINS[19]))[0].id));
    const memberEmail = uniqueEmail("admin-client-member");
    const member = await signedInClient(request, memberEmail);

    const found = await admin.admin.listUsers({ query: { searchValue: memberEmail, searchField: "email" } });
    expect(found.error).toBeNull();
    expect(found.data?.users.map((user) => user.email)).toEqual([memberEmail]);
    const userId = found.data!.users[0].id;
    const sessions = await admin.admin.listUserSessions({ userId });
    expect(sessions.data?.sessions).toHaveLength(1);
    expect(sessions.data?.sessions[0]).not.toHaveProperty("token");

    const refused = await member.admin.listUsers({ query: {} });
    expect(refused.error).toMatchObject({ status: 403, code: "ADMIN_ONLY" });

    expect((await admin.admin.banUser({ userId, banReason: "Client test" })).error).toBeNull();
    expect((await member.getSession({ query: { disableCookieCache: true } })).data).toBeNull();
    expect((await member.signIn.magicLink({ email: memberEmail })).error).toMatchObject({ status: 403, code: "ACCOUNT_SUSPENDED" });
    expect((await admin.admin.unbanUser({ userId })).error).toBeNull();
    expect((await member.signIn.magicLink({ email: memberEmail })).error).toBeNull();
  });
});
