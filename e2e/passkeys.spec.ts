import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { baseURL } from "./config";
import { addAuthenticator, addPasskey, signIn, totp } from "./accounts";
import { uniqueEmail } from "./helpers";

/**
 * Passkeys in Chromium with the DevTools Protocol's virtual authenticator: a platform authenticator
 * (internal transport) with resident keys and user verification, as a laptop's fingerprint reader is.
 * Their hostile cases are in passkeys.security.spec.ts.
 */

/**
 * Chromium's virtual authenticator answers autofill (conditional) requests by itself, as if the person picked
 * the passkey at once; tests of the button turn autofill off, so the button is what signs in.
 */
async function withoutAutofill(page: Page) {
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}

async function signOut(page: Page) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

const origin = { origin: baseURL() };

test.describe("passkeys", () => {
  test("add, rename, sign in with it, delete it; then it fails cleanly", async ({ context, page }) => {
    await withoutAutofill(page);
    const authenticator = await addAuthenticator(context, page);
    const email = uniqueEmail("passkey");
    await signIn(page, email, "/account/security");
    await addPasskey(page, "Test laptop");
    const passkeys = page.getByTestId("passkeys");
    await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
    await expect(passkeys).toContainText("Test laptop");
    // The name went to the list: the field is empty again, ready for another passkey.
    await expect(page.getByRole("textbox", { name: "Name for the new passkey" })).toHaveValue("");
    // The device knows the passkey by the account's address; the list by its label.
    const [credential] = await authenticator.credentials();
    expect(credential.userName).toBe(email);

    await page.getByRole("button", { name: "Rename Test laptop" }).click();
    await page.getByRole("textbox", { name: "New name for Test laptop" }).fill("Work laptop");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(passkeys).toContainText("Work laptop");

    await signOut(page);
    await page.goto("/sign-in?callbackURL=%2Faccount%2Factivity");
    await expect(page.getByRole("textbox", { name: "Email" })).toHaveAttribute("autocomplete", "username webauthn");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page).toHaveURL(/\/account\/activity$/);
    const activity = page.getByTestId("activity");
    await expect(activity).toContainText("Signed in with a passkey");
    await expect(activity).toContainText("Passkey added: Test laptop");

    await page.goto("/account/security");
    await page.getByRole("button", { name: "Delete Work laptop" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByTestId("passkeys")).toHaveCount(0);

    await signOut(page);
    // The browser still holds the credential; the server no longer knows it.
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page.getByText("This passkey isn't registered here any more.")).toBeVisible();
    expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
  });

  test("autofill signs in a two-factor account with its passkey, without asking for a code", async ({ context, page }) => {
    await addAuthenticator(context, page);
    const email = uniqueEmail("passkey-2fa");
    await signIn(page, email, "/account/security");
    await addPasskey(page, "Laptop");
    const enabled = await page.request.post("/api/auth/two-factor/enable", { data: {}, headers: origin });
    expect(enabled.status()).toBe(200);
    const { totpURI } = await enabled.json();
    const secret = new URL(totpURI).searchParams.get("secret")!;
    expect((await page.request.post("/api/auth/two-factor/verify-totp", { data: { code: totp(secret) }, headers: origin })).status()).toBe(200);

    await page.goto("/dashboard");
    const signedOut = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/auth/sign-out");
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
    expect((await signedOut).status()).toBe(200);
    // The sign-in page asks for autofill on load; the authenticator answers as a person picking the passkey would,
    // at once: by the time the test looks, the browser may already have left /sign-in for the dashboard.
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});
