import "server-only";
import { emailOTP, magicLink } from "better-auth/plugins";
import { CODE_ATTEMPTS, CODE_LENGTH } from "@/lib/common/codes";
import { signInDelivery, type SignInDeliveryOptions } from "./delivery";
import { newMagicLinkToken, signInLinkHooks } from "./links";

/**
 * Email sign-in: better-auth's magicLink and emailOTP plugins, one email carrying a link, a code or both.
 * The rest of the feature is beside this file: the links (links.ts), the codes (codes.ts), the one-live-attempt
 * rule (attempt.ts), the per-address limits (limits.ts) and the emails (delivery.ts).
 */
export function emailSignInPlugins(options: SignInDeliveryOptions & { perIpLimit: number }) {
  const { lifetimeSeconds, signUpDisabled, perIpLimit } = options;
  const delivery = signInDelivery(options);
  return [
    // Before the endpoint: the API's verify refuses links opened from another site's page.
    signInLinkHooks,
    magicLink({
      expiresIn: lifetimeSeconds,
      disableSignUp: signUpDisabled,
      // Only a SHA-256 of each token is stored: a leaked database holds no usable link.
      storeToken: "hashed",
      generateToken: () => newMagicLinkToken(lifetimeSeconds),
      // Per client IP and per endpoint (sending, verifying).
      rateLimit: { window: 60, max: perIpLimit },
      sendMagicLink: delivery.sendMagicLink,
    }),
    emailOTP({
      otpLength: CODE_LENGTH,
      // A code lives exactly as long as the link it travels with.
      expiresIn: lifetimeSeconds,
      allowedAttempts: CODE_ATTEMPTS,
      // Only a SHA-256 of each code is stored, and a guess is checked by comparing hashes.
      storeOTP: "hashed",
      disableSignUp: signUpDisabled,
      // Per client IP and per endpoint (sending, signing in), as for links.
      rateLimit: { window: 60, max: perIpLimit },
      sendVerificationOTP: delivery.sendSignInCode,
    }),
  ] as const;
}
