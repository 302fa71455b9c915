import { createAuthClient } from "better-auth/client";
import { magicLinkClient } from "better-auth/client/plugins";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { latestLink, uniqueEmail } from "./helpers";

test.describe("the official better-auth client, unchanged", () => {
  test("signIn.magicLink sends the link and magicLink.verify signs in", async ({ request }) => {
    const client = createAuthClient({
      baseURL: baseURL(),
      plugins: [magicLinkClient()],
      // Browsers send Origin themselves; Node's fetch does not, and the server's CSRF check wants it.
      fetchOptions: { headers: { origin: baseURL(), "x-real-ip": randomClientIp() } },
    });
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
