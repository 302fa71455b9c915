import { SOCIAL } from "./config";
import { expect, test } from "./fixtures";

/** The light and dark themes: the toggle that picks one and remembers it, and the focus ring, shown in either. */

test.describe("the theme toggle", () => {
  test.use({ colorScheme: "light" });

  test("switches the theme and remembers it across pages, with no flash of the other theme", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: /change theme/ }).click(); // system → light
    await page.getByRole("button", { name: /change theme/ }).click(); // light → dark
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    // The theme is in place in the server's HTML response as soon as the head script runs, before React.
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.goto("/sign-up");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    // The toggle shows the remembered choice before React runs, not "System theme".
    await expect(page.getByRole("button", { name: /change theme/ })).toHaveAccessibleName("Dark theme (change theme)");
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

    test(`the sign-in page's provider buttons show the focus ring (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeFocused();
      // Past the email field and its button, each provider in turn.
      for (let step = 0; step < 2; step++) await page.keyboard.press("Tab");
      for (const name of ["Continue with GitHub", "Continue with Google", `Continue with ${SOCIAL.oidc.name}`]) {
        await page.keyboard.press("Tab");
        const button = page.getByRole("button", { name });
        await expect(button).toBeFocused();
        expect(await button.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe("none");
      }
    });
  }
});
