import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { assertion, passkeySignIn, signInOverHttp, softwarePasskey } from "./accounts";
import { baseURL, SOCIAL } from "./config";
import { mailboxFor, sessionsFor, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";
import { signInAs } from "./oidc-provider";
import { ACCOUNT_SUSPENDED_MESSAGE } from "../lib/common/messages";

/**
 * A suspended account in the browser and over HTTP (the admin API that suspends is tested in tests/admin/): the
 * sign-in form says the account is suspended and whom to write to, and no email is sent; a passkey and a provider
 * are refused with the same words.
 */

/** Suspends an account as the admin plugin stores it (user.banned), or lifts it, without an admin. */
async function setSuspended(email: string, banned: boolean) {
  const db = testDatabase();
  try {
    const result = await db.execute({ sql: "UPDATE user SET banned = ?, banReason = 'A test' WHERE email = ?", args: [banned ? 1 : 0, email] });
    expect(result.rowsAffected).toBe(1);
  } finally {
    db.close();
  }
}
const suspend = (email: string) => setSuspended(email, true);
const lift = (email: string) => setSuspended(email, false);

test("a suspended account asking for a sign-in email reads why on the form, with the support address, and gets no email", async ({ page, request }) => {
  const email = uniqueEmail("suspended");
  await signInOverHttp(request, email);
  const sent = (await mailboxFor(request, email)).length;
  await suspend(email);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(ACCOUNT_SUSPENDED_MESSAGE);
  await expect(page.getByRole("heading", { name: "Check your email" })).toHaveCount(0);
  expect(await mailboxFor(request, email)).toHaveLength(sent);
});

test("a suspended account's passkey is refused with the same words, and signs in again once the suspension is lifted", async ({ request }) => {
  const email = uniqueEmail("suspended-passkey");
  await signInOverHttp(request, email);
  const [{ id }] = await usersWithEmail(email);
  const key = await softwarePasskey(String(id));
  await request.post("/api/auth/sign-out", { headers: { origin: baseURL() } });
  await suspend(email);
  const refused = await passkeySignIn(request, (challenge) => assertion(key, challenge, true, 1));
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ code: "BANNED_USER", message: ACCOUNT_SUSPENDED_MESSAGE });
  expect(await (await request.get("/api/auth/get-session")).json()).toBeNull();
  expect(await sessionsFor(email)).toBe(0);
  await lift(email);
  expect((await passkeySignIn(request, (challenge) => assertion(key, challenge, true, 2))).status()).toBe(200);
});

test("a suspended account coming back from its OpenID Connect provider lands on the sign-in page with the words, no session", async ({ page, context, request }) => {
  const email = uniqueEmail("suspended-oidc");
  await signInOverHttp(request, email);
  await request.post("/api/auth/sign-out", { headers: { origin: baseURL() } });
  await suspend(email);
  await signInAs(context, { sub: `subject-${randomUUID()}`, email });
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${SOCIAL.oidc.name}` }).click();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This account is suspended");
  expect(await sessionsFor(email)).toBe(0);
});
