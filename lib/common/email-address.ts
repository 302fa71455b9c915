/**
 * Email addresses as the app accepts them: one address, normalised once so that "A@X.COM " and "a@x.com"
 * are the same account. Anything that could smuggle a second recipient or a header is refused outright.
 */

import { INPUT_LIMITS } from "./limits";

export const INVALID_EMAIL_MESSAGE = "Enter one email address, like name@example.com.";

const MAX_LENGTH = INPUT_LIMITS.email;

// Checked before normalising: NFKC would quietly turn a full-width or small "@" into a plain one.
const LOOKALIKE_AT = /[\uFF20\uFE6B]/;
// Line breaks (header injection), quotes and angle brackets (display names, quoted local parts), and
// separators or spaces (lists of addresses).
const FORBIDDEN = /[\r\n"'`<>,;:\s\\()[\]]/;
const SHAPE = /^[^@]+@[^@.]+(\.[^@.]+)+$/;

export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH || LOOKALIKE_AT.test(trimmed)) return null;
  const email = trimmed.normalize("NFKC").toLowerCase();
  if (email.length > MAX_LENGTH || FORBIDDEN.test(email) || !SHAPE.test(email)) return null;
  return email;
}

/** "jane@example.com" → "j•••@example.com": enough for people to recognise their address, not to read it. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** Providers that deliver "j.a.n.e@" to "jane@": the dots in a local part choose no other mailbox. */
const DOTLESS_DOMAINS: Record<string, string> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

/**
 * The inbox a normalised address delivers to, for counting what is sent there: "name+tag@" reaches "name@", and
 * at Gmail dots are ignored ("j.ane+x@googlemail.com" → "jane@gmail.com"). Only limits use it; accounts keep the
 * address as typed, since other providers may treat these as different mailboxes.
 */
export function canonicalMailbox(email: string): string {
  const at = email.lastIndexOf("@");
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (DOTLESS_DOMAINS[domain]) {
    domain = DOTLESS_DOMAINS[domain];
    local = local.replaceAll(".", "") || local;
  }
  return `${local}@${domain}`;
}
