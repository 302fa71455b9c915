import { ENDPOINTS } from "@/lib/common/paths";

/**
 * better-auth's per-client-IP limits (rateLimit.customRules). The endpoints limited are those that send email,
 * check a secret or start a provider's sign-in; each keeps the rule better-auth gives it (its built-in rules; the magic-link and emailOTP
 * plugins' for sending and verifying, set in lib/sign-in/index.ts). Every other endpoint, reads such as
 * get-session and sign-out included, costs the limiter nothing. The per-address limits: lib/sign-in/limits.ts.
 */
const RATE_LIMITED_ENDPOINTS = [
  ENDPOINTS.sendLink,
  ENDPOINTS.verifyLink,
  ENDPOINTS.sendCode,
  ENDPOINTS.signInWithCode,
  ENDPOINTS.signInWithPassword,
  ENDPOINTS.signUp,
  ENDPOINTS.requestPasswordReset,
  ENDPOINTS.resetPassword,
  ENDPOINTS.sendVerificationEmail,
  ENDPOINTS.verifyEmail,
  ENDPOINTS.changePassword,
  ENDPOINTS.changeEmail,
  ENDPOINTS.enableTwoFactor,
  ENDPOINTS.disableTwoFactor,
  ENDPOINTS.verifyTotp,
  ENDPOINTS.verifyBackupCode,
  ENDPOINTS.getTotpUri,
  ENDPOINTS.generateBackupCodes,
  ENDPOINTS.sendTwoFactorOtp,
  ENDPOINTS.verifyTwoFactorOtp,
  // A provider sign-in's start (better-auth: 3 per 10 s, as every /sign-in/*), the way back from any provider
  // (/callback/github, /callback/oidc, …: its default, 100 per 10 s) and connecting one: each stores a flow's state.
  ENDPOINTS.signInSocial,
  ENDPOINTS.socialCallback.replace(":id", "*"),
  ENDPOINTS.linkSocial,
];

/** Organizations: creating one and inviting (each invitation is an email; the per-address limits are lib/organizations/). */
const ORGANIZATION_RULE = { window: 60, max: 20 };

/**
 * The admin console's endpoints: plenty for a person at the console (its pages read the database, not these), few
 * for a script holding a stolen admin cookie.
 */
const ADMIN_RULE = { window: 60, max: 60 };

const keepRule = (_request: Request, rule: { window: number; max: number }) => rule;

/**
 * Passkey sign-in has no rule of its own in better-auth. Each sign-in page asks for a challenge once (for
 * autofill), so the limit leaves room for reloads while keeping floods out of the verification table.
 */
const PASSKEY_SIGN_IN_RULE = { window: 60, max: 30 };

/** The first matching path wins: a limited endpoint keeps its rule, every other path is not limited. */
export const perClientRules = {
  ...Object.fromEntries(RATE_LIMITED_ENDPOINTS.map((path) => [path, keepRule])),
  [ENDPOINTS.passkeyAuthenticateOptions]: PASSKEY_SIGN_IN_RULE,
  [ENDPOINTS.passkeySignIn]: PASSKEY_SIGN_IN_RULE,
  [ENDPOINTS.createOrganization]: ORGANIZATION_RULE,
  [ENDPOINTS.inviteMember]: ORGANIZATION_RULE,
  [ENDPOINTS.acceptInvitation]: ORGANIZATION_RULE,
  [`${ENDPOINTS.adminPrefix}*`]: ADMIN_RULE,
  "/**": false,
} as const;
