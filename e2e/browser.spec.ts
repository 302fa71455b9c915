import { expect, test } from "./fixtures";
import { expireLink, latestLink, requestLink, uniqueEmail } from "./helpers";

test.describe("signing in with a magic link in the browser", () => {
  test("email → check-email screen → link → dashboard → sign out → dashboard sends back to sign-in", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("browser");
    await page.goto("/");
    await page.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();

    await page.goto((await latestLink(request, email)).toString());
    await expect(page.getByText("Continue as b•••@example.com?")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("user-email")).toHaveText(email);

    await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fdashboard$/);
  });

  test("a signed-out visitor sent to sign-in comes back to the page they wanted", async ({ page, request }) => {
    const email = uniqueEmail("return");
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackURL=%2Fdashboard$/);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestLink(request, email);
    expect(link.searchParams.get("callbackURL")).toBe("/dashboard");
    await page.goto(link.toString());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("'Try a different email' returns to the form", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(uniqueEmail("typo"));
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("button", { name: "Try a different email" }).click();
    await expect(page.getByLabel("Email")).toBeVisible();
  });

  test("a used or expired link shows a human message and the form, never the error code", async ({ page, request }) => {
    const email = uniqueEmail("stale");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestLink(request, email);
    await expireLink(link);

    await page.goto(link.toString());
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Sign-in links work for 5 minutes. Send yourself a new one.",
    );
    await page.getByRole("link", { name: "Send a new link" }).click();
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
  });

  test("a link that expires while its confirmation page is open sends back to the form with a message", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("slow");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestLink(request, email);
    await page.goto(link.toString());
    await expireLink(link);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/sign-in\?/);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This sign-in link has expired. Send a new one.");
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
  });
});

test.describe("one honest wording for a link that can't be used", () => {
  test("a link past its lifetime says 'expired' even once its row has been cleaned up", async ({ page, request }) => {
    const link = await requestLink(request, uniqueEmail("cleaned-up"));
    const token = link.searchParams.get("token")!;
    const [random, expiry] = token.split("-");
    // The link says when it expires: five minutes from now.
    expect(Math.abs(parseInt(expiry, 36) - (Date.now() / 1000 + 300))).toBeLessThan(30);
    // A token whose lifetime has passed and whose row is gone, as better-auth's cleanup leaves an old link.
    const old = new URL(link);
    old.searchParams.set("token", `${random}-${Math.floor(Date.now() / 1000 - 60).toString(36)}`);
    await page.goto(old.toString());
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();

    // One still within its lifetime but unknown (used, or replaced) says so, and no more.
    old.searchParams.set("token", `${random}-${Math.floor(Date.now() / 1000 + 60).toString(36)}`);
    await page.goto(old.toString());
    await expect(page.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "This sign-in link was already used, or a newer one replaced it. Send yourself a new one.",
    );
  });

  test("the API's verify answer, which cannot tell, names every possibility", async ({ page }) => {
    await page.goto("/api/auth/magic-link/verify?token=unknown&callbackURL=%2Fdashboard&errorCallbackURL=%2Fsign-in");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "This sign-in link can't be used: it expired, was already used, or a newer one replaced it. Send a new one.",
    );
  });
});

test.describe("the password fallback in the browser", () => {
  test("sign up → confirm the address from the email → sign in with the password → dashboard", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("pw-browser");
    const password = "correct horse battery";
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Robin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/Password/).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    await page.goto((await latestLink(request, email, undefined, "/api/auth/verify-email")).toString());
    await expect(page.getByRole("heading", { name: "Sign in with a password" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "Your email address is confirmed. Sign in with your password.",
    );
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not my password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });
});
