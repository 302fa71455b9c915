import { createAuthClient } from "better-auth/client";
import { emailOTPClient, magicLinkClient } from "better-auth/client/plugins";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { latestCode, latestLink, uniqueEmail, wrongCode } from "./helpers";

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
