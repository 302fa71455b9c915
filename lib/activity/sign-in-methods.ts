import { ENDPOINTS } from "@/lib/common/paths";

export type SignInMethod = "link" | "password" | "code" | "passkey";

/** How a session signed in, by the better-auth endpoint that created it. Paths not listed record no method. */
const SIGN_IN_METHODS: Record<string, SignInMethod> = {
  [ENDPOINTS.verifyLink]: "link",
  [ENDPOINTS.signInWithPassword]: "password",
  [ENDPOINTS.signInWithCode]: "code",
  [ENDPOINTS.passkeySignIn]: "passkey",
  // Signing out other devices on a password change starts a new session here, proven by the current password.
  [ENDPOINTS.changePassword]: "password",
};

export function signInMethodOf(path: string | undefined): SignInMethod | null {
  return (path && SIGN_IN_METHODS[path]) || null;
}

/**
 * How a request signs in: its endpoint's method, or for a provider's callback the provider's id ("github",
 * "google", "oidc"): one endpoint serves every provider, and the activity log says which one it was.
 */
export function signInMethodOfRequest(ctx: { path?: string; params?: unknown } | null | undefined): string | null {
  if (ctx?.path !== ENDPOINTS.socialCallback) return signInMethodOf(ctx?.path);
  const provider = (ctx.params as { id?: unknown } | undefined)?.id;
  return typeof provider === "string" ? provider : null;
}

/**
 * The sign-ins a second factor may follow: their sessions are recorded once the challenge is decided
 * (lib/two-factor/challenge.ts), since for a user with two-factor on that session is dropped at once.
 */
export const FIRST_FACTOR_PATHS: ReadonlySet<string> = new Set([
  ENDPOINTS.verifyLink,
  ENDPOINTS.signInWithCode,
  ENDPOINTS.signInWithPassword,
  ENDPOINTS.socialCallback,
]);
