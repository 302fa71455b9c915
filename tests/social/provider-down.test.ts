import { randomUUID } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { json, startAuthServer, uniqueEmail } from "../support/auth-server";
import { startOidcProvider } from "../support/oidc-provider";

/**
 * An OpenID Connect provider that is down when the app starts: its discovery document cannot be read, so better-auth
 * leaves the provider out and tries its discovery again on each use. Its button answers in words, and works as
 * soon as the provider is back, without a restart.
 */

const oidc = await startOidcProvider();
await oidc.stop();
const app = await startAuthServer({ ...oidc.env });
afterAll(() => oidc.stop());

test("the start answers 503 with the provider's name while it is down, and signs in once it is back", async () => {
  for (const path of ["/sign-in/social", "/link-social"]) {
    const refused = await (await app.signedIn()).post(path, { provider: "oidc", callbackURL: "/dashboard" });
    expect(refused.status, path).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await json(refused)).toEqual({
      code: "PROVIDER_UNREACHABLE",
      message: "We couldn't reach Acme SSO. Try again, or sign in with your email.",
    });
  }
  expect(await app.db.verification.count({ where: { identifier: { startsWith: "auth-state:" } } })).toBe(0);

  await oidc.start();
  const email = uniqueEmail("patient");
  oidc.signInAs({ sub: `subject-${randomUUID()}`, email });
  const browser = app.device();
  expect((await oidc.roundTrip(browser)).headers.get("location")).toBe("/dashboard");
  expect((await browser.session())?.user.email).toBe(email);
});
