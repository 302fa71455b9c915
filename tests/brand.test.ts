import { render } from "@react-email/components";
import { describe, expect, test } from "vitest";
import MagicLinkEmail from "@/emails/magic-link";
import NoAccountEmail from "@/emails/no-account";
import { emailBrand } from "@/emails/_components/layout";
import { accentCssVariables, BRAND, contrastRatio, LOGO_PNG_PATH, textColourOn } from "@/lib/common/brand";

/**
 * The brand (lib/common/brand.ts) is the one place a newcomer edits to make the app theirs: its colours must stay
 * readable in both themes whatever they pick, and every email must carry its name, colour, logo and support address.
 */

/** The backgrounds the accent sits on: the page and a card in each theme (zinc-50 and white; zinc-950 and zinc-900). */
const BACKGROUNDS = { light: ["#fafafa", "#ffffff"], dark: ["#09090b", "#18181b"] } as const;

describe("the accent colour meets WCAG 2.2 AA in both themes", () => {
  for (const theme of ["light", "dark"] as const) {
    const accent = BRAND.accent[theme];

    test(`${theme}: a button's text on the accent contrasts at least 4.5:1`, () => {
      expect(contrastRatio(accent, textColourOn(accent))).toBeGreaterThanOrEqual(4.5);
    });

    test(`${theme}: a focus ring or an underline in the accent contrasts at least 3:1 with the page and cards`, () => {
      for (const background of BACKGROUNDS[theme]) expect(contrastRatio(accent, background), background).toBeGreaterThanOrEqual(3);
    });
  }

  test("the pages' variables carry each theme's accent and its text colour", () => {
    expect(accentCssVariables()).toEqual({
      "--brand-accent-light": BRAND.accent.light,
      "--brand-on-accent-light": textColourOn(BRAND.accent.light),
      "--brand-accent-dark": BRAND.accent.dark,
      "--brand-on-accent-dark": textColourOn(BRAND.accent.dark),
    });
  });
});

describe("contrast, as WCAG computes it", () => {
  test("black on white is 21:1, a colour on itself 1:1, in either order", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#4f46e5", "#4f46e5")).toBe(1);
  });

  test("dark colours carry white text, light ones near-black", () => {
    expect(textColourOn("#1e3a8a")).toBe("#ffffff");
    expect(textColourOn("#fde047")).toBe("#09090b");
  });
});

describe("the emails carry the brand", () => {
  test("the name, the accent on the button, the logo as an absolute PNG, and the support address", async () => {
    const brand = emailBrand("https://app.example.com");
    const markup = await render(MagicLinkEmail({ brand, url: "https://app.example.com/sign-in/confirm?token=t", expiresInMinutes: 5 }));
    expect(markup).toContain(`Sign in to ${BRAND.name}`);
    expect(markup).toMatch(new RegExp(`<a[^>]*background-color:${BRAND.accent.light}[^>]*>`, "i"));
    expect(markup).toContain(`src="https://app.example.com${LOGO_PNG_PATH}"`);
    expect(markup).toContain(`href="mailto:${BRAND.supportEmail}"`);
    expect(await render(MagicLinkEmail({ brand, code: "123456", expiresInMinutes: 5 }), { plainText: true })).toContain(
      `Questions? Write to ${BRAND.supportEmail}`,
    );
  });

  test("another brand replaces every trace of this one, the button's text colour following its accent", async () => {
    const other = { name: "Globex", accent: "#fde047", supportEmail: "help@globex.test", logoUrl: "https://globex.test/logo.png" };
    for (const element of [
      MagicLinkEmail({ brand: other, url: "https://globex.test/sign-in/confirm?token=t", code: "123456", expiresInMinutes: 5 }),
      NoAccountEmail({ brand: other }),
    ]) {
      const markup = await render(element);
      expect(markup).toContain("Globex");
      expect(markup).toContain('src="https://globex.test/logo.png"');
      expect(markup).toContain("mailto:help@globex.test");
      expect(markup).not.toContain(BRAND.name);
      expect(markup).not.toContain(BRAND.supportEmail);
      expect(markup.toLowerCase()).not.toContain(BRAND.accent.light.toLowerCase());
    }
    const button = (await render(MagicLinkEmail({ brand: other, url: "https://globex.test/x", expiresInMinutes: 5 }))).match(
      /<a[^>]*background-color:#fde047[^>]*>/i,
    )?.[0];
    expect(button).toContain("color:#09090b");
  });

  test("without the app's address the email shows no broken image, only the name", async () => {
    const markup = await render(NoAccountEmail({ brand: emailBrand(undefined) }));
    expect(markup).not.toContain("<img");
    expect(markup).toContain(BRAND.name);
  });
});
