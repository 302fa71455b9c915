/** Where people land after signing in unless they were on their way somewhere else. */
export const DEFAULT_CALLBACK_URL = "/dashboard";

/**
 * A post-sign-in destination taken from the address bar, kept only if it is a path on this site:
 * "//evil.com" and "/\evil.com" are other sites to a browser, so they fall back to the default.
 */
export function safeCallbackURL(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) {
    return DEFAULT_CALLBACK_URL;
  }
  return candidate;
}
