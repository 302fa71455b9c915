import { expect, test } from "./fixtures";
import { signInOverHttp } from "./accounts";
import { mailboxFor, testDatabase, uniqueEmail } from "./helpers";
import { ACCOUNT_SUSPENDED_MESSAGE } from "../lib/common/messages";

/**
 * A suspended account in the browser (the admin API that suspends is tested over HTTP in tests/admin/): the
 * sign-in form says the account is suspended and whom to write to, and no email is sent.
 */

/** Suspends an account as the admin plugin stores it (user.banned), without an admin. */
async function suspend(email: string) {
  const db = testDatabase();
  try {
    const result = await db.execute({ sql: "UPDATE user SET banned = 1, banReason = 'A test' WHERE email = ?", args: [email] });
    expect(result.rowsAffected).toBe(1);
  } finally {
    db.close();
  }
}

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
