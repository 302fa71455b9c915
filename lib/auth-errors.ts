/**
 * What people read when a sign-in link fails. better-auth sends the reason as ?error=CODE to the page the
 * link came from; the code itself is never shown.
 */
const messages: Record<string, string> = {
  // The API's verify answers every unusable link so; only the confirmation page's button knows more.
  INVALID_TOKEN: "This sign-in link can't be used: it expired, was already used, or a newer one replaced it. Send a new one.",
  EXPIRED_TOKEN: "This sign-in link has expired. Send a new one.",
  new_user_signup_disabled:
    "No account for this email. Sign in with the address you signed up with, or ask for an invitation.",
};

const fallback = "We couldn't sign you in with that link. Send a new one.";

export function signInErrorMessage(code: string | string[] | undefined): string | undefined {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return undefined;
  return messages[value] ?? fallback;
}
