import { BRAND } from "./brand";
import { ORGANIZATION_ERROR_MESSAGES, ORGANIZATION_FIELDS } from "./organizations";

/** What a suspended account is told at every way in (lib/admin/): what happened, and whom to write to. */
export const ACCOUNT_SUSPENDED_MESSAGE =
  `This account is suspended, so it can't sign in. If you think this is a mistake, write to ${BRAND.supportEmail}.`;

/**
 * What people read when a sign-in link or a provider's sign-in fails. better-auth sends the reason as ?error=CODE
 * to the page the link or the provider's answer came from; the code itself is never shown.
 */
/** A sign-in link that reached the app from another site's page rather than from an email (lib/sign-in/links.ts). */
export const CROSS_SITE_LINK_MESSAGE = "Open the sign-in link from your email to continue.";

const messages: Record<string, string> = {
  // The API's verify answers every unusable link so; only the confirmation page's button knows more.
  INVALID_TOKEN: "This sign-in link can't be used: it expired, was already used, or a newer one replaced it. Send a new one.",
  EXPIRED_TOKEN: "This sign-in link has expired. Send a new one.",
  CROSS_SITE_REQUEST: CROSS_SITE_LINK_MESSAGE,
  // A suspended account's link: better-auth's code for it, and ours for a link or code asked for.
  BANNED_USER: ACCOUNT_SUSPENDED_MESSAGE,
  ACCOUNT_SUSPENDED: ACCOUNT_SUSPENDED_MESSAGE,
  new_user_signup_disabled:
    "No account for this email. Sign in with the address you signed up with, or ask for an invitation.",
};

const fallback = "We couldn't sign you in with that link. Send a new one.";

const TRY_AGAIN_OR_EMAIL = "Try again, or sign in with your email.";
// better-auth answers account_not_linked both when the provider has not verified the address and when the
// account's own address is not confirmed yet (a password sign-up never confirmed): the words fit both.
const unprovenAddress = (provider: string) =>
  `We can't sign you in with ${provider} until this email address is confirmed as yours. ` +
  `Sign in with your email first, then connect ${provider} from your account.`;
const flowBroken = (provider: string) =>
  `This sign-in with ${provider} can't be finished: it expired, was already used, or was started in another browser. Start again.`;
const cantVerify = (provider: string) => `We couldn't verify your sign-in with ${provider}. ${TRY_AGAIN_OR_EMAIL}`;

/**
 * A sign-in or connection through a provider that failed: the callback sends ?error=CODE&provider=ID to the page
 * (lib/social/callback.ts). The codes are better-auth's (lowercase), the provider's own OAuth codes
 * (access_denied), and provider_unreachable, ours. Each takes the provider's name as the button shows it.
 */
const providerMessages: Record<string, (provider: string) => string> = {
  access_denied: (provider) => `Signing in with ${provider} was cancelled. ${TRY_AGAIN_OR_EMAIL}`,
  provider_unreachable: (provider) => SERVER_MESSAGES.providerUnreachable(provider),
  // An address the provider does not vouch for: an existing account's (not linked), or a new one (not created).
  account_not_linked: unprovenAddress,
  email_not_verified: unprovenAddress,
  signup_disabled: () => messages.new_user_signup_disabled,
  email_not_found: (provider) => `${provider} didn't share an email address with us. Sign in with your email instead.`,
  // The flow's state: tampered with, used twice, expired, or from another browser.
  state_mismatch: flowBroken,
  state_not_found: flowBroken,
  state_invalid: flowBroken,
  invalid_callback_request: flowBroken,
  nonce_binding_missing: flowBroken,
  no_callback_url: flowBroken,
  no_code: flowBroken,
  // The code exchange refused (a code used twice, or forged), or an ID token that did not verify.
  invalid_code: (provider) => `${provider} didn't confirm this sign-in. ${TRY_AGAIN_OR_EMAIL}`,
  unable_to_get_user_info: cantVerify,
  issuer_mismatch: cantVerify,
  // Connecting a provider from the account area.
  account_already_linked_to_different_user: (provider) =>
    `This ${provider} account is already connected to another account here. Sign in to that account to disconnect it first.`,
  email_does_not_match: (provider) => `Connect a ${provider} account that uses the same email address as this account.`,
  unable_to_link_account: (provider) =>
    `We couldn't connect ${provider}: it has to confirm that this account's email address is yours. Sign in again and retry.`,
  oauth_provider_not_found: () => "That way of signing in isn't offered here. Sign in with your email.",
  // A suspended account (lib/admin/): the provider did sign the person in, this app refuses them.
  BANNED_USER: () => ACCOUNT_SUSPENDED_MESSAGE,
};

const providerFallback = (provider: string) => `${provider} couldn't sign you in. ${TRY_AGAIN_OR_EMAIL}`;

/**
 * The message for ?error=CODE on the sign-in page (or wherever a failed flow lands). With `provider` (the name of
 * the provider in ?provider=, as its button says it) or a provider's code, the words name the provider.
 */
export function signInErrorMessage(code: string | string[] | undefined, provider?: string): string | undefined {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return undefined;
  // Own keys only: ?error=constructor names no message.
  const providerMessage = Object.hasOwn(providerMessages, value) ? providerMessages[value] : undefined;
  if (provider !== undefined || providerMessage) return (providerMessage ?? providerFallback)(provider ?? "the provider");
  return Object.hasOwn(messages, value) ? messages[value] : fallback;
}

/** What the server answers, in the words people read (the forms show the server's message as it comes). */
export const SERVER_MESSAGES = {
  tooManyRequests: "Too many requests. Please try again later.",
  tooManyEmails: "Too many sign-in emails to this address. Please try again later.",
  tooManyCodes: "Too many codes tried. Please try again later.",
  emailNotSent: "We couldn't send the email. Try again.",
  codeNotOffered: "This app does not offer that kind of code.",
  passwordsNotOffered: "This app does not use passwords: sign in with your email.",
  signInCodesOnly: 'This app sends "sign-in" codes only.',
  notOnThisSite: (field: string) => `${field} must be a path on this site.`,
  signInToContinue: "Sign in to continue.",
  sessionNotFresh: "For your security, confirm it's you with a new sign-in link first.",
  providerUnreachable: (provider: string) => `We couldn't reach ${provider}. ${TRY_AGAIN_OR_EMAIL}`,
  idTokenSignInNotOffered: "Sign in through the provider's page: ID tokens sent by a client are not accepted here.",
  passwordIsNotAConnectedAccount: "That is your password, not a connected account: change it on the Security page.",
} as const;

/**
 * What the Security page tells an account that holds a feature the app has switched off (AUTH_PASSWORD,
 * AUTH_PASSKEYS, AUTH_TWO_FACTOR): nothing is deleted, it is just no longer used.
 */
export const TURNED_OFF_NOTICES = {
  password: "Passwords are turned off for this app: your password is kept but not used to sign in.",
  passkeys: "Passkeys are turned off for this app: your passkeys are kept but not used to sign in.",
  twoFactor: "Two-factor authentication is turned off for this app: signing in no longer asks for your authenticator code.",
} as const;

/**
 * The per-address limit on sign-in emails (lib/sign-in/limits.ts): a 429 with this code limits that address only,
 * so a form may still send to another one at once; TOO_MANY_REQUESTS (per client IP) holds every address back.
 */
export const TOO_MANY_EMAILS = "TOO_MANY_EMAILS";

/**
 * A sign-in code refused, in the order people meet the reasons: a wrong code and the tries left; the wrong code that
 * used the last try, which says both; then, for any code typed after it, that it no longer works.
 */
const SEND_NEW = "Send a new email to get a new code.";
export const CODE_NO_LONGER_WORKS = "This code no longer works.";
export const CODE_MESSAGES = {
  wrong: (triesLeft: number) => `That code is not right. ${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left.`,
  wrongLastTry: `That code is not right, and that was the last try: this code no longer works. ${SEND_NEW}`,
  usedUp: `${CODE_NO_LONGER_WORKS} ${SEND_NEW}`,
  expired: `This code has expired. ${SEND_NEW}`,
  tooManyTries: `Too many wrong tries: this code no longer works. ${SEND_NEW}`,
} as const;

/** The form field a refused request is about: its message is shown beside that field instead of above the form. */
export type FormFieldName = "name" | "email" | "password" | "code" | "currentPassword" | "slug";

/** The field each error code is about (better-auth's codes, and the *_TOO_LONG ones of lib/auth/hooks.ts). */
export const fieldOf: Record<string, FormFieldName | undefined> = {
  INVALID_EMAIL: "email",
  EMAIL_TOO_LONG: "email",
  NEW_EMAIL_TOO_LONG: "email",
  EMAIL_IS_THE_SAME: "email",
  NAME_TOO_LONG: "name",
  INVALID_NAME: "name",
  INVALID_PASSWORD: "currentPassword",
  CURRENT_PASSWORD_TOO_LONG: "currentPassword",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  NEW_PASSWORD_TOO_LONG: "password",
  INVALID_CODE: "code",
  INVALID_BACKUP_CODE: "code",
  INVALID_OTP: "code",
  OTP_EXPIRED: "code",
  TOO_MANY_ATTEMPTS: "code",
  ...ORGANIZATION_FIELDS,
};

/**
 * The words for the error codes whose message from better-auth (or the browser, for passkeys) is not one to
 * show as it is. Any other code's message is shown as the server sent it.
 */
export const messageFor: Record<string, string | undefined> = {
  EMAIL_NOT_VERIFIED: "Confirm your email address first: we have sent you a new confirmation link.",
  INVALID_CODE: "That code is not right. Check your authenticator app and try again.",
  INVALID_BACKUP_CODE: "That backup code is not right, or it was used already.",
  // The two-factor page shows these above its one "Sign in" button: they say what happened, not what to do.
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes: this sign-in has ended.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in has expired or was finished already.",
  AUTH_CANCELLED: "The passkey sign-in was cancelled.",
  // What browsers report when the person dismisses the passkey prompt or it times out.
  ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY: "The passkey request was cancelled or timed out. Try again, or sign in with your email.",
  ERROR_CEREMONY_ABORTED: "The passkey request was cancelled.",
  REGISTRATION_CANCELLED: "Adding the passkey was cancelled.",
  PASSKEY_NOT_FOUND: "This passkey isn't registered here any more. Sign in with your email instead.",
  AUTHENTICATION_FAILED: "The passkey could not be verified. Try again, or sign in with your email.",
  CHALLENGE_NOT_FOUND: "The passkey request expired. Try again.",
  PREVIOUSLY_REGISTERED: "This passkey is already on your account.",
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "This passkey is already on your account.",
  ...ORGANIZATION_ERROR_MESSAGES,
};

/** A wait in the words people use: seconds under a minute, then whole minutes, then hours (rounded up). */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

/** What a form says when a request fails before any error code is known, or is rate limited (429). */
export const REQUEST_MESSAGES = {
  /** A 429 and how long it lasts, per address (TOO_MANY_EMAILS) or per client (any other code). */
  tryAgainIn: (seconds: number, code?: string) =>
    `${code === TOO_MANY_EMAILS ? "Too many sign-in emails to this address" : "Too many requests"}, try again in ${waitInWords(seconds)}.`,
  unknown: "Something went wrong. Try again.",
  unreachable: "We couldn't reach the server. Check your connection and try again.",
} as const;
