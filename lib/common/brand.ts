/**
 * The brand: what makes this app yours, in one place. Pages, the favicon and every email read it from here, so
 * renaming the app, changing its colour or its logo is an edit to this file alone (README, "Make it yours").
 * Plain values, no I/O: safe in client bundles.
 */

/** The accent of each theme: primary buttons, focus rings, links' underline, the current tab, the emails' button. */
const accent = {
  /** On white and near-white: must contrast 3:1 with them (focus rings), and its text colour 4.5:1 with it. */
  light: "#4f46e5",
  /** On near-black (the dark theme): the same two rules. Emails always use `light`. */
  dark: "#818cf8",
};

export const BRAND = {
  /** What the app calls itself: the header, page titles, emails and their subjects, authenticator apps, passkeys. */
  name: "Acme",
  /** Where people write for help: the error page and the foot of every email. */
  supportEmail: "support@example.com",
  accent,
  /**
   * The logo, as SVG markup on a square viewBox: the header shows it as it is; the favicon and the emails' image
   * (Gmail and Outlook drop SVG) are PNGs drawn from it by app/logo.png/route.tsx.
   */
  logo: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${accent.light}"/><path d="M8 11h16v10H8z" fill="none" stroke="#fff" stroke-width="2"/><path d="m8 11 8 6 8-6" fill="none" stroke="#fff" stroke-width="2"/></svg>`,
  /** The home page's words. */
  home: {
    headline: "Sign in with your email",
    paragraph:
      "Passwordless sign-in: type your email, open the link we send you, and you are in. Your account is created the " +
      "first time.",
  },
} as const;

/** Where the logo's PNG is served (app/logo.png/route.tsx): the favicon, and the image at the top of every email. */
export const LOGO_PNG_PATH = "/logo.png";

/** The two text colours the accent may carry: the pages' white and near-black (zinc-950). */
const LIGHT_TEXT = "#ffffff";
const DARK_TEXT = "#09090b";

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string) {
  const channels = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string) {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

/** The text colour to write on a background: white or near-black, whichever contrasts more. */
export function textColourOn(background: string) {
  return contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

/**
 * The CSS variables app/layout.tsx sets on <html>; app/globals.css picks the theme's pair and names it `accent`
 * and `on-accent` for Tailwind (bg-accent, text-on-accent, outline-accent).
 */
export function accentCssVariables() {
  return {
    "--brand-accent-light": accent.light,
    "--brand-on-accent-light": textColourOn(accent.light),
    "--brand-accent-dark": accent.dark,
    "--brand-on-accent-dark": textColourOn(accent.dark),
  };
}
