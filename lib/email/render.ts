import type { ReactElement } from "react";
import { render, toPlainText } from "@react-email/components";

/**
 * A React Email template as HTML and, made from that HTML, its plain-text part: one React render per email.
 * Pure (no secret, no I/O), so `npm run bench` times it outside the app too.
 */
export async function renderEmail(react: ReactElement) {
  const html = await render(react);
  return { html, text: toPlainText(html) };
}
