import { baseURL } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import { signIn, signInOverHttp } from "./accounts";
import { latestLink, mailboxFor, uniqueEmail } from "./helpers";

/**
 * Passwords, the fallback beside email sign-in: signing up and confirming the address, signing in, resetting a
 * forgotten password, and setting or changing one from the account. Their hostile cases are in
 * password.security.spec.ts.
 */

const origin = { origin: baseURL() };

test.describe("password sign-up and sign-in (the fallback)", () => {
  test("sign-up asks to confirm the address by email; then sign-in accepts the password and refuses a wrong one", async ({
    request,
    playwright,
  }) => {
    const email = uniqueEmail("password");
    const password = "correct horse battery";
    const signUp = await request.post("/api/auth/sign-up/email", {
      data: { email, password, name: "Sam" },
    });
    expect(signUp.status()).toBe(200);
    expect(((await signUp.json()) as { user: { email: string } }).user.email).toBe(email);
    // No session until the address is confirmed.
    expect(signUp.headers()["set-cookie"]).toBeUndefined();
    const unconfirmed = await request.post("/api/auth/sign-in/email", { data: { email, password } });
    expect(unconfirmed.status()).toBe(403);
    expect(((await unconfirmed.json()) as { code: string }).code).toBe("EMAIL_NOT_VERIFIED");

    const confirm = await latestLink(request, email, undefined, "/api/auth/verify-email");
    const confirmed = await request.get(confirm.toString(), { maxRedirects: 0 });
    expect(confirmed.status()).toBe(302);
    expect(confirmed.headers().location).toContain("/sign-in/password?verified=1");

    const fresh = await playwright.request.newContext({
      baseURL: test.info().project.use.baseURL,
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    const wrong = await fresh.post("/api/auth/sign-in/email", { data: { email, password: "wrong password" } });
    expect(wrong.status()).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toBe("Invalid email or password");

    const right = await fresh.post("/api/auth/sign-in/email", { data: { email, password } });
    expect(right.status()).toBe(200);
    const session = await (await fresh.get("/api/auth/get-session")).json();
    expect(session.user.email).toBe(email);
  });

  test("a password shorter than 8 characters is refused with a message", async ({ request }) => {
    const response = await request.post("/api/auth/sign-up/email", {
      data: { email: uniqueEmail("short"), password: "short", name: "Short" },
    });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe("Password too short");
  });

  test("sign-up with a taken address answers as for a new one, and emails the owner instead", async ({ request }) => {
    const taken = uniqueEmail("taken");
    const fresh = uniqueEmail("fresh");
    const signUp = (email: string) =>
      request.post("/api/auth/sign-up/email", { data: { email, password: "correct horse battery", name: "Alex" } });
    expect((await signUp(taken)).status()).toBe(200);
    await latestLink(request, taken, undefined, "/api/auth/verify-email");

    const [again, first] = await Promise.all([signUp(taken), signUp(fresh)]);
    expect(again.status()).toBe(first.status());
    const shape = (body: { token: unknown; user: Record<string, unknown> }) => ({
      token: body.token,
      user: Object.keys(body.user).sort(),
      emailVerified: body.user.emailVerified,
    });
    expect(shape(await again.json())).toEqual(shape(await first.json()));
    expect(Object.keys(again.headers()).sort()).toEqual(Object.keys(first.headers()).sort());

    await expect.poll(async () => (await mailboxFor(request, taken))[0]?.text ?? "").toContain(
      "it already has one",
    );
    expect((await mailboxFor(request, taken))[0].subject).toBe((await mailboxFor(request, fresh))[0].subject);
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
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "This reset link can't be used" })).toBeVisible();
    await page.getByRole("link", { name: "Send a new reset link" }).click();
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  });
});

test.describe("a password from the account page", () => {
  test("a link-only account sets a password, changes it, and signs in with each; the owner is told each time", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("password");
    await signIn(page, email, "/account/security");
    await expect(page.getByRole("heading", { name: "Add a password" })).toBeVisible();
    await page.getByLabel(/^New password \(/).fill("first password 1");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("Your password is set.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
    const [added] = await mailboxFor(request, email);
    expect(added.subject).toBe("A password was added to your Acme account");
    expect(added.text).toContain("A PASSWORD WAS ADDED");
    expect(added.text).toContain("A password was added to your account.");
    expect(added.text).not.toMatch(/was changed/i);

    const signInWith = async (password: string) =>
      request.post("/api/auth/sign-in/email", { data: { email, password }, headers: origin });
    expect((await signInWith("first password 1")).status()).toBe(200);

    const passwordSection = page.getByRole("region", { name: "Change your password" });
    await passwordSection.getByLabel("Current password").fill("not the password");
    await passwordSection.getByLabel(/^New password \(/).fill("second password 2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(passwordSection.getByLabel("Current password")).toHaveAccessibleDescription(/password/i);

    await passwordSection.getByLabel("Current password").fill("first password 1");
    await passwordSection.getByLabel(/^New password \(/).fill("second password 2");
    await page.getByRole("checkbox", { name: "Sign out my other devices" }).check();
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password is changed, and your other devices are signed out.")).toBeVisible();
    const [changed] = await mailboxFor(request, email);
    expect(changed.subject).toBe("Your Acme password was changed");
    expect(changed.text).toContain("YOUR PASSWORD WAS CHANGED");
    expect(changed.text).toContain("The password of your account was changed.");

    expect((await signInWith("first password 1")).status()).toBe(401);
    expect((await signInWith("second password 2")).status()).toBe(200);
    // This device stays signed in.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  });

  test("one convention on every form: a new password is asked once, the password one has is the Current password", async ({ page }) => {
    const passwordFields = page.locator('input[type="password"]');
    await page.goto("/sign-up");
    await expect(passwordFields).toHaveCount(1);
    await expect(page.getByLabel("Password (at least 8 characters)")).toHaveAttribute("autocomplete", "new-password");
    await page.goto("/reset-password?token=preview");
    await expect(passwordFields).toHaveCount(1);
    await expect(page.getByLabel("New password (at least 8 characters)")).toHaveAttribute("autocomplete", "new-password");

    const email = uniqueEmail("conventions");
    await signIn(page, email, "/account/security");
    await expect(passwordFields).toHaveCount(1);
    await expect(page.getByLabel("New password (at least 8 characters)")).toBeVisible();
    expect((await page.request.post("/api/auth/account/set-password", { data: { newPassword: "first password 1" }, headers: origin })).status()).toBe(200);
    await page.reload();
    // Changing the password and turning two-factor on both ask for the password the account has, in the same words.
    for (const section of ["Change your password", "Two-factor authentication"]) {
      await expect(page.getByRole("region", { name: section }).getByLabel("Current password")).toHaveAttribute("autocomplete", "current-password");
    }
    await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
    await expect(passwordFields).toHaveCount(3);
  });

  test("a password that is already set cannot be set again without the current one", async ({ request }) => {
    await signInOverHttp(request, uniqueEmail("set-twice"));
    const set = (newPassword: string) => request.post("/api/auth/account/set-password", { data: { newPassword }, headers: origin });
    expect((await set("short")).status()).toBe(400);
    expect((await set("first password 1")).status()).toBe(200);
    const again = await set("second password 2");
    expect(again.status()).toBe(400);
    expect((await again.json()).code).toBe("PASSWORD_ALREADY_SET");
  });
});
