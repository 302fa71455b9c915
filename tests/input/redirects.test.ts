import { describe, expect, test } from "vitest";
import { APP_ORIGIN, json, startAuthServer, TRUSTED_ORIGIN, uniqueEmail, verifyUrl } from "../support/auth-server";

/**
 * Where a link may send people: a path on this site or an origin in TRUSTED_ORIGINS (lib/common/redirects.ts),
 * checked when a link is asked for and again when it is used. Anything else answers 403, and nothing is sent or
 * used. On a POST, better-auth's own origin check answers first for what it knows (403 INVALID_CALLBACK_URL and
 * the like); the app's request guard refuses the rest (403 INVALID_REDIRECT), and is the only check on a GET.
 */

const app = await startAuthServer();

const hostile = [
  "//evil.com",
  "/\\evil.com",
  "\\\\evil.com",
  "/%5C/evil.com",
  "/%2F/evil.com",
  "%2F%2Fevil.com",
  "/%09/evil.com",
  "/\tevil.com",
  "/%E0%A4%A",
  "https:evil.com",
  `https:${new URL(TRUSTED_ORIGIN).host}/welcome`,
  "javascript:alert(1)",
  "JavaScript://%0aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "https://evil.com",
  "HTTPS://EVIL.COM",
  `${TRUSTED_ORIGIN}.evil.com`,
  `https://evil.com@${new URL(TRUSTED_ORIGIN).host}`,
  `${APP_ORIGIN}@evil.com`,
  `http://${new URL(TRUSTED_ORIGIN).host}/welcome`,
  `//${new URL(APP_ORIGIN).host}/dashboard`,
];

const accepted = ["/dashboard", "/dashboard?tab=security#top", `${APP_ORIGIN}/dashboard`, `${TRUSTED_ORIGIN}/welcome`];

/** Targets better-auth's own check lets through: only the app's guard stands between them and a redirect. */
const passBetterAuthsCheck = [
  `https://evil.com@${new URL(TRUSTED_ORIGIN).host}`,
  `https:${new URL(TRUSTED_ORIGIN).host}/welcome`,
  "/%09/evil.com",
  "/%E0%A4%A",
];

const refusal = (field: string) => ({ code: "INVALID_REDIRECT", message: `${field} must be a path on this site.` });

/** better-auth's code for a destination its origin check refuses, by field. */
const betterAuthsCode: Record<string, string> = {
  callbackURL: "INVALID_CALLBACK_URL",
  newUserCallbackURL: "INVALID_NEW_USER_CALLBACK_URL",
  errorCallbackURL: "INVALID_ERROR_CALLBACK_URL",
  redirectTo: "INVALID_REDIRECT_URL",
};

/** A POST's refusal of a destination: 403, by better-auth's check or the app's guard, naming the field. */
async function expectRefusedPost(response: Response, field: string, target: string) {
  expect(response.status, `${field}=${target}`).toBe(403);
  const body = await json(response);
  if (body.code === "INVALID_REDIRECT") expect(body, `${field}=${target}`).toEqual(refusal(field));
  else expect(body.code, `${field}=${target}`).toBe(betterAuthsCode[field]);
}

describe("asking for a link", () => {
  for (const field of ["callbackURL", "newUserCallbackURL", "errorCallbackURL"]) {
    test(`${field}: hostile targets are refused with 403, and no email is sent`, async () => {
      for (const target of hostile) {
        const email = uniqueEmail("redirect");
        await expectRefusedPost(await app.device().post("/sign-in/magic-link", { email, [field]: target }), field, target);
        expect(await app.mailbox(email)).toHaveLength(0);
      }
    });
  }

  test("what better-auth's own check lets through, the app's guard refuses: 403 INVALID_REDIRECT in the app's words", async () => {
    for (const field of ["callbackURL", "newUserCallbackURL", "errorCallbackURL"]) {
      for (const target of passBetterAuthsCheck) {
        const response = await app.device().post("/sign-in/magic-link", { email: uniqueEmail("guard"), [field]: target });
        expect(response.status, `${field}=${target}`).toBe(403);
        expect(await json(response), `${field}=${target}`).toEqual(refusal(field));
      }
    }
  });

  test("paths on this site, the app's own origin and TRUSTED_ORIGINS are accepted, and the link carries them", async () => {
    for (const target of accepted) {
      const email = uniqueEmail("good-redirect");
      const response = await app.device().post("/sign-in/magic-link", { email, callbackURL: target });
      expect(response.status, target).toBe(200);
      expect((await app.latestLink(email)).searchParams.get("callbackURL")).toBe(target);
    }
  });
});

describe("the other endpoints that take a destination", () => {
  // Each with what it answers for a new address once the destination passes.
  for (const [path, field, body, passes] of [
    ["/sign-up/email", "callbackURL", { password: "correct horse battery", name: "X" }, 200],
    ["/sign-in/email", "callbackURL", { password: "correct horse battery" }, 401],
    ["/send-verification-email", "callbackURL", {}, 200],
    ["/request-password-reset", "redirectTo", {}, 200],
  ] as const) {
    test(`${path} refuses a hostile ${field} with 403 and sends nothing; a path on this site passes`, async () => {
      for (const target of hostile) {
        const email = uniqueEmail("other-redirect");
        await expectRefusedPost(await app.device().post(path, { email, ...body, [field]: target }), field, target);
        expect(await app.mailbox(email)).toHaveLength(0);
      }
      const response = await app.device().post(path, { email: uniqueEmail("other-redirect"), ...body, [field]: "/dashboard" });
      expect(response.status).toBe(passes);
    });
  }
});

describe("using a link", () => {
  for (const field of ["callbackURL", "newUserCallbackURL", "errorCallbackURL"]) {
    test(`a hostile ${field} added to a valid link is refused at verify and by the Continue button; the link stays unused`, async () => {
      const email = uniqueEmail("verify-redirect");
      const link = await app.requestLink(email);
      for (const target of hostile) {
        const tampered = verifyUrl(link);
        tampered.searchParams.set(field, target);
        const response = await app.device().get(tampered);
        expect(response.status, target).toBe(403);
        expect(await json(response), target).toEqual(refusal(field));
        const viaPage = new URL(link);
        viaPage.searchParams.set(field, target);
        expect((await app.device().confirm(viaPage)).status, target).toBe(403);
      }
      expect(await app.linkRowsFor(email)).toBe(1);
      expect((await app.device().confirm(link)).headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
    });
  }

  test("a trusted origin is where the link leads", async () => {
    const link = await app.requestLink(uniqueEmail("trusted"), { callbackURL: `${TRUSTED_ORIGIN}/welcome` });
    const response = await app.device().openLink(link);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${TRUSTED_ORIGIN}/welcome`);
  });

  test("an unusable link goes to errorCallbackURL, on this site, with the reason", async () => {
    const query = new URLSearchParams({ token: "nosuchtoken", callbackURL: "/dashboard", errorCallbackURL: "/sign-in?from=link" });
    const response = await app.device().get(`/magic-link/verify?${query}`);
    expect(response.headers.get("location")).toBe(`${APP_ORIGIN}/sign-in?from=link&error=INVALID_TOKEN`);
  });
});
