import type { Browser, Page } from "@playwright/test";
import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { signIn, signInOverHttp } from "./accounts";
import { latestCode, latestLink, mailboxFor, testDatabase, uniqueEmail } from "./helpers";

/**
 * Organizations in Chromium against the production build: create from the header's menu, invite an existing
 * account and a new address, accept from the emailed invitation (signing in on its page), switch, change a role,
 * remove, leave, delete; and what the invitation page shows a mail scanner, another address, or a late visitor.
 * Every rule is also tried over HTTP with the official client in tests/organizations/.
 */

const slug = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}`;

async function newDevice(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
  return context.newPage();
}

/** Creates an organization from the header's menu, as its owner; returns its name. */
async function createOrganization(page: Page, name = `Engines ${slug("x")}`) {
  await page.getByTestId("organization-switcher").locator("summary").click();
  await page.getByRole("link", { name: "New organization" }).click();
  await expect(page.getByRole("heading", { name: "New organization" })).toBeFocused();
  await page.getByRole("textbox", { name: /^Name/ }).fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return name;
}

async function invite(page: Page, email: string, role: "Member" | "Admin" | "Owner" = "Member") {
  await page.goto("/organization");
  await page.getByLabel("Email address to invite").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  return latestLink(page.request, email, undefined, "/invitations");
}

const memberRow = (page: Page, email: string) => page.getByTestId("member").filter({ hasText: email });

test("create, invite a new address that signs in on the invitation page, and see it join", async ({ page, browser }) => {
  const owner = uniqueEmail("org-owner");
  await signIn(page, owner, "/dashboard");
  await expect(page.getByTestId("dashboard-organization")).toContainText("None open");
  const name = await createOrganization(page, "Analytical Engines");
  await expect(memberRow(page, owner)).toContainText("Owner");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-organization")).toContainText(`${name} · 1 member · you are owner`);

  const newcomer = uniqueEmail("org-new");
  const link = await invite(page, newcomer, "Admin");
  const [email] = await mailboxFor(page.request, newcomer);
  expect(email.subject).toMatch(new RegExp(`^${owner.replace(/[.+]/g, "\\$&")} invited you to ${name} on `));

  const guest = await newDevice(browser);
  await guest.goto(link.toString());
  await expect(guest.getByRole("heading", { name: `Join ${name}` })).toBeFocused();
  await expect(guest.getByTestId("invitation-summary")).toContainText(`invited ${newcomer} to join ${name} as admin`);
  await expect(guest.getByLabel("Email")).toHaveValue(newcomer);
  await guest.getByRole("button", { name: "Email me a sign-in link" }).click();
  await guest.getByLabel("Or enter the code from the email").fill(await latestCode(guest.request, newcomer));
  await expect(guest).toHaveURL(link.pathname);
  await guest.getByRole("button", { name: `Join ${name}` }).click();
  await expect(guest).toHaveURL(/\/organization$/);
  await expect(memberRow(guest, newcomer)).toContainText("Admin");
  await expect(guest.getByTestId("organization-switcher")).toContainText(name);

  await page.goto("/organization");
  await expect(page.getByTestId("member")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "Members (2)" })).toBeVisible();
  await page.goto("/organization/activity");
  const events = page.getByTestId("activity").locator("li");
  await expect(events.first()).toContainText(`${newcomer} joined as Admin`);
  await expect(events.nth(1)).toContainText(`${owner} invited`);
  await guest.context().close();
});

test("opening the invitation (a mail scanner's GET) changes nothing; an existing account signed in as another address is told so", async ({ page, browser, request }) => {
  const owner = uniqueEmail("org-owner");
  await signIn(page, owner, "/dashboard");
  const name = await createOrganization(page);
  const invitee = uniqueEmail("org-invitee");
  await signInOverHttp(request, invitee);
  const link = await invite(page, invitee);
  const scanned = await request.get(link.toString());
  expect(scanned.status()).toBe(200);
  await page.goto("/organization");
  await expect(page.getByTestId("invitation").filter({ hasText: invitee })).toBeVisible();

  const other = await newDevice(browser);
  await signIn(other, uniqueEmail("org-other"), "/dashboard");
  await other.goto(link.toString());
  await expect(other.getByRole("heading", { name: "This invitation is for another address" })).toBeVisible();
  await other.getByRole("button", { name: `Sign out and continue as ${invitee}` }).click();
  await expect(other.getByRole("heading", { name: `Join ${name}` })).toBeVisible();
  await expect(other.getByLabel("Email")).toHaveValue(invitee);
  await other.context().close();
});

test("a revoked invitation's page says it can't be used; re-sending sends a second email", async ({ page, browser }) => {
  await signIn(page, uniqueEmail("org-owner"), "/dashboard");
  await createOrganization(page);
  const invitee = uniqueEmail("org-revoked");
  const link = await invite(page, invitee);
  await page.getByRole("button", { name: `Send the invitation to ${invitee} again` }).click();
  await expect(page.getByText(`The invitation to ${invitee} was sent again.`)).toBeVisible();
  expect(await mailboxFor(page.request, invitee)).toHaveLength(2);
  await page.getByRole("button", { name: `Revoke the invitation to ${invitee}` }).click();
  await expect(page.getByText("No invitations waiting.")).toBeVisible();
  const guest = await newDevice(browser);
  await guest.goto(link.toString());
  await expect(guest.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();
  await guest.context().close();
});

test("roles, removal, leaving, switching and deleting, each as the page shows it", async ({ page, browser }) => {
  const owner = uniqueEmail("org-owner");
  await signIn(page, owner, "/dashboard");
  const first = await createOrganization(page, `First ${slug("o")}`);
  const member = uniqueEmail("org-member");
  const link = await invite(page, member);
  const other = await newDevice(browser);
  await signIn(other, member, "/dashboard");
  await other.goto(link.toString());
  await other.getByRole("button", { name: `Join ${first}` }).click();
  await expect(other).toHaveURL(/\/organization$/);
  // A member sees the members, not the invitations, and not the activity.
  await expect(other.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
  await other.goto("/organization/activity");
  await expect(other.getByTestId("activity-refused")).toBeVisible();

  // The last owner cannot leave: the page says what to do.
  await page.goto("/organization/settings");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Leave ${first}` }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("An organization needs an owner: make another member an owner first.");

  // Make them an admin, then remove them: their next request no longer shows the organization.
  await page.goto("/organization");
  await memberRow(page, member).getByLabel(`Role of ${member}`).selectOption({ label: "Admin" });
  await memberRow(page, member).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${member} is now admin.`)).toBeVisible();
  await expect(memberRow(page, member).getByTestId("member-role")).toHaveText("Admin");
  page.once("dialog", (dialog) => dialog.accept());
  await memberRow(page, member).getByRole("button", { name: `Remove ${member}` }).click();
  await expect(page.getByText(`${member} is removed.`)).toBeVisible();
  await other.goto("/organization");
  await expect(other.getByRole("heading", { name: "Organizations" })).toBeVisible();
  await expect(other.getByText(first)).toHaveCount(0);
  await other.context().close();

  // A second organization, then switch back from the header.
  const second = await createOrganization(page, `Second ${slug("o")}`);
  await page.getByTestId("organization-switcher").locator("summary").click();
  await page.getByRole("button", { name: `Switch to ${first}` }).click();
  await expect(page.getByRole("heading", { name: first })).toBeVisible();

  // Delete it: the name typed confirms.
  await page.goto("/organization/settings");
  const confirmField = page.getByLabel(`Type the organization's name, ${first}, to confirm`);
  await confirmField.fill("not it");
  await expect(page.getByRole("button", { name: "Delete organization" })).toBeDisabled();
  await confirmField.fill(first);
  await page.getByRole("button", { name: "Delete organization" }).click();
  await expect(page.getByText("The organization is deleted.")).toBeVisible();
  await expect(page.getByRole("button", { name: `Open ${second}` })).toBeVisible();
  const db = testDatabase();
  try {
    const { rows } = await db.execute({ sql: "SELECT COUNT(*) AS n FROM organization WHERE name = ?", args: [first] });
    expect(Number(rows[0].n)).toBe(0);
  } finally {
    db.close();
  }
});

test("the organization pages refuse a signed-out visitor with a way back", async ({ page }) => {
  for (const path of ["/organization", "/organization/settings", "/organization/activity", "/organization/new"]) {
    await page.goto(path);
    await expect(page).toHaveURL(`${baseURL()}/sign-in?callbackURL=${encodeURIComponent(path)}`);
  }
});
