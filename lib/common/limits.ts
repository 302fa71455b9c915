/**
 * The longest (and shortest) values the app accepts, in one place: the forms show them (maxLength, labels)
 * and the server enforces them on every auth request (lib/auth/hooks.ts), answering 400 with tooLongMessage.
 */
export const INPUT_LIMITS = {
  name: 100,
  // RFC 5321: a forward path is at most 256 octets including the angle brackets.
  email: 254,
  password: { min: 8, max: 128 },
  /** callbackURL and the other redirect targets. */
  url: 2048,
  /**
   * Link, reset and delete tokens are 32 characters; email-confirmation tokens are signed JWTs of a few hundred.
   * Anything far longer was not issued here.
   */
  token: 1024,
} as const;

/**
 * Request fields with a maximum length, and the limit each one has. An overlong address is refused here, naming the
 * limit, before lib/common/email-address.ts looks at its shape.
 */
const FIELD_LIMITS: Record<string, number> = {
  name: INPUT_LIMITS.name,
  email: INPUT_LIMITS.email,
  newEmail: INPUT_LIMITS.email,
  password: INPUT_LIMITS.password.max,
  newPassword: INPUT_LIMITS.password.max,
  currentPassword: INPUT_LIMITS.password.max,
  token: INPUT_LIMITS.token,
  callbackURL: INPUT_LIMITS.url,
  newUserCallbackURL: INPUT_LIMITS.url,
  errorCallbackURL: INPUT_LIMITS.url,
  redirectTo: INPUT_LIMITS.url,
};

const FIELD_LABELS: Record<string, string> = {
  name: "Names",
  email: "Email addresses",
  newEmail: "Email addresses",
  password: "Passwords",
  newPassword: "Passwords",
  currentPassword: "Passwords",
  token: "Tokens",
};

/**
 * The first field of a request that is longer than its limit, with the message to answer, or null.
 * Only string values are measured: a wrong type is the request validator's to refuse.
 */
export function overlongField(fields: unknown): { field: string; message: string } | null {
  if (!fields || typeof fields !== "object") return null;
  for (const [field, limit] of Object.entries(FIELD_LIMITS)) {
    const value = (fields as Record<string, unknown>)[field];
    if (typeof value === "string" && value.length > limit) {
      const what = FIELD_LABELS[field] ?? field;
      return { field, message: `${what} can be at most ${limit} characters.` };
    }
  }
  return null;
}
