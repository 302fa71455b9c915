import "server-only";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { magicLink } from "better-auth/plugins";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import { APP_NAME } from "@/lib/config";
import { databaseProvider, db } from "@/lib/db";
import { sendEmail } from "@/lib/email";
import { getEnv } from "@/lib/env";

const env = getEnv();

/** How long a magic link works (MAGIC_LINK_EXPIRES_IN, default 300 s, at most 600 s). */
export const magicLinkLifetimeSeconds = env.MAGIC_LINK_EXPIRES_IN;

/** When true (AUTH_DISABLE_SIGN_UP), only existing accounts can sign in: no link or form creates one. */
export const signUpDisabled = env.AUTH_DISABLE_SIGN_UP;

/** The shortest password the sign-up form and the server accept. */
export const minPasswordLength = 8;

export interface MagicLinkDelivery {
  email: string;
  url: string;
  token: string;
}

/** The built-in delivery: the React Email template in emails/magic-link.tsx, through sendEmail. */
export async function sendMagicLinkEmail({ email, url }: MagicLinkDelivery) {
  await sendEmail({
    to: email,
    subject: magicLinkSubject(APP_NAME),
    react: MagicLinkEmail({ appName: APP_NAME, url, expiresInMinutes: Math.ceil(magicLinkLifetimeSeconds / 60) }),
  });
}

/**
 * Delivers every magic link. To send links some other way (another email provider, SMS, a chat
 * message), replace sendMagicLinkEmail here with your own function receiving { email, url, token }.
 */
const deliverMagicLink: (link: MagicLinkDelivery) => Promise<void> = sendMagicLinkEmail;

export const auth = betterAuth({
  appName: APP_NAME,
  secret: env.BETTER_AUTH_SECRET,
  // Required in production. In development the app answers on whatever local port it runs on.
  baseURL: env.BETTER_AUTH_URL ?? { allowedHosts: ["localhost:*", "127.0.0.1:*"], protocol: "http" },
  database: prismaAdapter(db, { provider: databaseProvider }),
  emailAndPassword: {
    enabled: true,
    disableSignUp: signUpDisabled,
    minPasswordLength,
  },
  rateLimit: {
    // On everywhere (better-auth's default is production only) and kept in the database, so limits hold
    // across serverless instances and restarts.
    enabled: true,
    storage: "database",
  },
  advanced: {
    ipAddress: {
      // Only a header the deployment's proxy sets and clients cannot forge identifies a client. Without one
      // (TRUSTED_IP_HEADER unset, not on Vercel), clients share one limit per endpoint: strict, not escapable.
      ipAddressHeaders: env.TRUSTED_IP_HEADER ? [env.TRUSTED_IP_HEADER] : [],
    },
  },
  plugins: [
    magicLink({
      expiresIn: magicLinkLifetimeSeconds,
      disableSignUp: signUpDisabled,
      // Per client IP and per endpoint (sending, verifying).
      rateLimit: { window: 60, max: env.MAGIC_LINK_RATE_LIMIT },
      sendMagicLink: ({ email, url, token }) => deliverMagicLink({ email, url, token }),
    }),
    // Must stay last: it lets server actions that call auth.api set cookies.
    nextCookies(),
  ],
} satisfies BetterAuthOptions);

export type Session = typeof auth.$Infer.Session;
