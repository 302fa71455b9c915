/**
 * Sign-in codes as people type them and the server checks them. Shared by the check-email screen, the server's
 * request guard and the tests, so the three agree on what a well-formed code is.
 */

/** What sign-in emails carry (EMAIL_SIGN_IN): a link and a code, a link only, or a code only. */
export const EMAIL_SIGN_IN_MODES = ["link-and-code", "link", "code"] as const;
export type EmailSignInMode = (typeof EMAIL_SIGN_IN_MODES)[number];

export const CODE_LENGTH = 6;

/** Wrong tries one code survives: the next try, even a right one, is refused. */
export const CODE_ATTEMPTS = 3;

export const INVALID_CODE_MESSAGE = `Enter the ${CODE_LENGTH}-digit code from the email.`;

/** "123 456", "123-456" and " 123456 " are the same code; anything but digits, spaces and dashes is not a code. */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 32) return null;
  const digits = input.replace(/[\s-]/g, "");
  return new RegExp(`^[0-9]{${CODE_LENGTH}}$`).test(digits) ? digits : null;
}

export const sendsLinks = (mode: EmailSignInMode) => mode !== "code";
export const sendsCodes = (mode: EmailSignInMode) => mode !== "link";
