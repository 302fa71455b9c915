import { expect, randomClientIp, test } from "./fixtures";
import { UNSAFE_ADDRESSES } from "./helpers";

/** What an attacker can do to the password endpoints, against the production build: guess, or send unsafe addresses. */

test.describe("guessing passwords", () => {
  test("password sign-in keeps better-auth's stricter limit (3 per 10 s per client)", async ({ request }) => {
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await request.post("/api/auth/sign-in/email", {
        data: { email: "nobody@example.com", password: "guess-number-" + attempt },
      });
      statuses.push(response.status());
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

test.describe("email addresses", () => {
  for (const [path, extra] of [
    ["/api/auth/sign-up/email", { password: "correct horse battery", name: "X" }],
    ["/api/auth/sign-in/email", { password: "correct horse battery" }],
  ] as const) {
    test(`${path} refuses unsafe addresses with 400 and a clear message`, async ({ request }) => {
      for (const email of UNSAFE_ADDRESSES) {
        // Each from its own client: password endpoints allow 3 requests per 10 s per client.
        const response = await request.post(path, { data: { email, ...extra }, headers: { "x-real-ip": randomClientIp() } });
        expect(response.status(), JSON.stringify(email)).toBe(400);
        expect((await response.json()).message).toBe("Enter one email address, like name@example.com.");
      }
    });
  }
});
