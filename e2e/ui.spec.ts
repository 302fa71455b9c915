import { expect, randomClientIp, test } from "./fixtures";
import { expireLink, latestLink, mailboxFor, requestLink, uniqueEmail } from "./helpers";

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
    const before = await resend.boundingBox();
    await resend.click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "We sent a new email. Only the newest link and code work.",
    );
    // The notice appears below: the button under the pointer stays where it was.
    expect((await resend.boundingBox())?.y).toBe(before?.y);
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
    // The reset token is not left in the address bar (or the history) once the form has it.
    await expect(page).toHaveURL(/\/reset-password$/);
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

test.describe("an unusable reset link", () => {
  test("a token that no longer works, found out on submit, shows the way to a new link", async ({ page }) => {
    await page.goto("/reset-password?token=never-issued");
    await page.getByLabel("New password (at least 8 characters)").fill("new password 456");
    await page.getByLabel("New password, again").fill("new password 456");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "This reset link can't be used" })).toBeVisible();
    await page.getByRole("link", { name: "Send a new reset link" }).click();
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  });
});

test.describe("the next step on a dead link keeps where it was going", () => {
  test("'Send a new link' on an expired link's page returns to sign-in with the link's destination", async ({
    page,
    request,
  }) => {
    const link = await requestLink(request, uniqueEmail("next-step"), { callbackURL: "/dashboard?tab=billing" });
    await expireLink(link);
    await page.goto(link.toString());
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await page.getByRole("link", { name: "Send a new link" }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fdashboard%3Ftab%3Dbilling$/);
  });
});

test.describe("the signed-in state is visible", () => {
  test("the header shows who is signed in and signs out; sign-in offers to continue or switch accounts", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("visible");
    await page.goto((await requestLink(request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
    const account = page.getByRole("navigation", { name: "Account" });
    await expect(account.getByRole("link", { name: `Signed in as ${email}` })).toBeVisible();

    await page.goto("/sign-in?callbackURL=%2Fdashboard");
    await expect(page.getByRole("heading", { name: "You're already signed in" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(`You're signed in as ${email}.`);
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in as someone else" }).click();
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(account.getByRole("link", { name: /Signed in as/ })).toHaveCount(0);

    // The header's own sign-out button, from any page.
    await page.goto((await requestLink(request, email)).toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
    await page.goto("/");
    await account.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(account.getByRole("link", { name: /Signed in as/ })).toHaveCount(0);
  });
});

test.describe("focus is always visible", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`the home page's links show the focus ring (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto("/");
      for (const name of ["Sign in", "Go to the dashboard"]) {
        const link = page.getByRole("main").getByRole("link", { name });
        await link.focus();
        await page.keyboard.press("Shift+Tab");
        await page.keyboard.press("Tab");
        await expect(link).toBeFocused();
        const outline = await link.evaluate((element) => getComputedStyle(element).outlineStyle);
        expect(outline).not.toBe("none");
      }
    });
  }
});

test.describe("an address-confirmation link that fails", () => {
  test("says so on the password page instead of 'confirmed', and signing in sends a new one", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("unconfirmed");
    await request.post("/api/auth/sign-up/email", { data: { email, password: "correct horse battery", name: "Kim" } });
    const link = await latestLink(request, email, undefined, "/api/auth/verify-email");
    link.searchParams.set("token", "expired.or.forged");
    await page.goto(link.toString());
    await expect(page).toHaveURL(/\/sign-in\/password\?verified=1&error=/);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "This confirmation link has expired or can't be used. Sign in with your password and we'll send you a new one.",
    );
    await expect(page.getByText("Your email address is confirmed.")).toHaveCount(0);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Confirm your email address first: we have sent you a new confirmation link.",
    );
    await expect.poll(async () => (await mailboxFor(request, email)).length).toBe(2);
  });
});
