import type { ReactNode } from "react";
import { render } from "@react-email/components";
import { compile } from "html-to-text";

/**
 * The plain-text part of every email, with the rules React Email's plain-text render uses (images and
 * data-skip-in-text elements left out, links written once, no wrapping). Compiled once: html-to-text's convert()
 * compiles its rules on every call, which costs more than the React render itself.
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "[data-skip-in-text=true]", format: "skip" },
    { selector: "a", options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
  ],
});

/**
 * A React Email template as HTML and, made from that HTML, its plain-text part: one React render per email.
 * Pure (no secret, no I/O), so `npm run bench` times it outside the app too.
 */
export async function renderEmail(react: ReactNode) {
  const html = await render(react);
  return { html, text: toPlainText(html) };
}
