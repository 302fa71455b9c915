import { randomUUID } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { signInErrorMessage } from "@/lib/common/messages";
import { startAuthServer, uniqueEmail } from "../support/auth-server";
import { startOidcProvider } from "../support/oidc-provider";

/**
 * AUTH_DISABLE_SIGN_UP=true: a provider signs existing users in and makes no account, answering as an emailed
 * link does for an address with no account.
 */

const oidc = await startOidcProvider();
const app = await startAuthServer({ ...oidc.env, AUTH_DISABLE_SIGN_UP: "true" });
afterAll(() => oidc.stop());

test("a new address gets no account, and the same words as a sign-in link with sign-up closed", async () => {
  const email = uniqueEmail("stranger");
  oidc.signInAs({ sub: `subject-${randomUUID()}`, email });
  const browser = app.device();
  const answer = await oidc.roundTrip(browser);
  expect(answer.status).toBe(302);
  expect(answer.headers.get("location")).toBe("/sign-in?error=signup_disabled&provider=oidc");
  expect(signInErrorMessage("signup_disabled", oidc.name)).toBe(signInErrorMessage("new_user_signup_disabled"));
  expect(await browser.session()).toBeNull();
  expect(await app.userByEmail(email)).toBeNull();
  expect(await app.db.account.count({ where: { providerId: "oidc" } })).toBe(0);
});

test("an existing account still signs in with the provider, which is linked to it", async () => {
  const email = uniqueEmail("invited");
  const member = await app.addMember(email);
  oidc.signInAs({ sub: `subject-${randomUUID()}`, email });
  const browser = app.device();
  expect((await oidc.roundTrip(browser)).headers.get("location")).toBe("/dashboard");
  expect((await browser.session())?.user.id).toBe(member.id);
  expect(await app.db.account.count({ where: { userId: member.id, providerId: "oidc" } })).toBe(1);
});
