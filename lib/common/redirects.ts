/**
 * Where the app may send people after sign-in: a path on this site, or an origin listed in
 * TRUSTED_ORIGINS. Checked when a link is requested and again when it is used, so a link can never be
 * turned into an open redirect (https://app.example.com/…?callbackURL=//evil.com).
 */

import { INPUT_LIMITS } from "./limits";
import { PAGES } from "./paths";

/** Where people land after signing in unless they were on their way somewhere else. */
export const DEFAULT_CALLBACK_URL = "/dashboard";

function isSafePath(value: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false;
  }
  // "//host" and "/\host" are other sites to a browser; so is anything that decodes to them.
  return !/[\\\u0000-\u001f\u007f]/.test(decoded) && !/^\/[/\\]/.test(decoded) && value.startsWith("/");
}

export function isSafeRedirect(value: unknown, trustedOrigins: readonly string[] = []): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > INPUT_LIMITS.url) return false;
  if (value.startsWith("/")) return isSafePath(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    // "https:evil.com" parses; only the spelled-out form is accepted. So is no user info ("evil.com@app…").
    value.toLowerCase().startsWith(`${url.protocol}//`) &&
    !url.username &&
    !url.password &&
    trustedOrigins.includes(url.origin)
  );
}

/** A destination taken from the address bar: kept if it is a safe path on this site, else the default. */
export function safeCallbackURL(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  return candidate && candidate.startsWith("/") && isSafeRedirect(candidate) ? candidate : DEFAULT_CALLBACK_URL;
}

/**
 * The destinations an emailed sign-in link carries, as its confirmation page passes them on: each one kept if it
 * is safe, otherwise replaced as the sign-in page replaces an unsafe callbackURL. A link whose destination was
 * changed on the way (callbackURL=//evil.com) still signs in, to the dashboard; its errors come back to sign-in,
 * and a new account goes where a returning one would. The API's verify still refuses such a link outright.
 */
export function safeLinkDestinations(fields: Record<string, string>, trustedOrigins: readonly string[]): Record<string, string> {
  const safe = { ...fields };
  const isSafe = (field: string) => safe[field] === undefined || isSafeRedirect(safe[field], trustedOrigins);
  if (!isSafe("callbackURL")) safe.callbackURL = DEFAULT_CALLBACK_URL;
  if (!isSafe("newUserCallbackURL")) delete safe.newUserCallbackURL;
  if (!isSafe("errorCallbackURL")) {
    safe.errorCallbackURL = `${PAGES.signIn}?${new URLSearchParams({ callbackURL: safeCallbackURL(safe.callbackURL) })}`;
  }
  return safe;
}
