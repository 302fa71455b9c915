import { expect, randomClientIp, test } from "./fixtures";
import { latestLink, mailboxFor, uniqueEmail } from "./helpers";

/** How the forms behave when things go wrong, and the screens around the links. */

test.describe("the sign-in form", () => {
  test("shows a refused address's error beside the field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("someone@localhost");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const field = page.getByLabel("Email");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription("Enter one email address, like name@example.com.");
  });

  test("after too many links, says how long to wait and counts down", async ({ page, request }) => {
    const email = uniqueEmail("limited");
    for (let sent = 0; sent < 3; sent++) {
      const response = await request.post("/api/auth/sign-in/magic-link", {
        data: { email },
        headers: { "x-real-ip": randomClientIp() },
      });
      expect(response.status()).toBe(200);
    }
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toHaveText(/^Too many requests, try again in \d+ s\.$/);
    const first = Number((await alert.textContent())!.match(/\d+/)![0]);
    await expect(alert).not.toHaveText(`Too many requests, try again in ${first} s.`, { timeout: 3000 });
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeDisabled();
  });

  test("when the network fails, offers to try again, and the retry goes through", async ({ page }) => {
    const email = uniqueEmail("offline");
    await page.goto("/sign-in");
    await page.route("**/api/auth/sign-in/magic-link", (route) => route.abort("internetdisconnected"));
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "We couldn't reach the server. Check your connection and try again.",
    );
    await page.unroute("**/api/auth/sign-in/magic-link");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
});

test.describe("the check-email screen", () => {
  test("offers the webmail it knows, and sends again only after a countdown; only the newest link works", async ({
    page,
    request,
  }) => {
    const email = `check-${Date.now()}@gmail.com`;
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("expires in 5 minutes")).toBeVisible();
    await expect(page.getByRole("link", { name: "Open Gmail" })).toHaveAttribute(
      "href",
      "https://mail.google.com/mail/u/0/#inbox",
    );
    const resend = page.getByRole("button", { name: /^Send again/ });
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/Send again in \d+ s/);
    await page.clock.install();
    await page.clock.fastForward(31_000);
    await expect(resend).toHaveText("Send again", { timeout: 10_000 });
    await resend.click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "We sent a new email. Only the newest link and code work.",
    );
    await expect.poll(async () => (await mailboxFor(request, email)).length).toBe(2);
  });
});

test.describe("forgotten password", () => {
  test("reset by email, then sign in with the new password; the old one no longer works", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("forgetful");
    await request.post("/api/auth/sign-up/email", { data: { email, password: "old password 123", name: "Lee" } });
    await request.get((await latestLink(request, email, undefined, "/api/auth/verify-email")).toString());

    await page.goto("/sign-in/password");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    const reset = await latestLink(request, email, undefined, "/api/auth/reset-password");
    await page.goto(reset.toString());
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password (at least 8 characters)").fill("new password 456");
    await page.getByLabel("New password, again").fill("new password 789");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The two passwords are different.")).toBeVisible();
    await page.getByLabel("New password, again").fill("new password 456");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Password changed" })).toBeVisible();

    await page.getByRole("link", { name: "Sign in with your new password" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("old password 123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password");
    await page.getByLabel("Password").fill("new password 456");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });
});
