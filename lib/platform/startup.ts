import { getEnv } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";

/**
 * Runs once when the Node.js server starts (instrumentation.ts): a misconfigured environment stops it here,
 * naming the variable to set, and settings that work but deserve a look are pointed out.
 */
export function checkEnvironmentAtStart() {
  let env: ReturnType<typeof getEnv>;
  try {
    env = getEnv();
  } catch (error) {
    // The message names every variable, in lines meant for a person; a stack trace would only bury it. A server that cannot read its
    // configuration must not keep answering every request with a 500.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
  if (env.NODE_ENV === "production" && !env.TRUSTED_IP_HEADER) {
    logger.warn(
      "TRUSTED_IP_HEADER is not set: the app cannot tell clients apart, so they share one rate limit per " +
        "endpoint. Set it to the header your proxy sets to the client's IP (on Vercel, x-real-ip is used by itself).",
    );
  }
  if (env.NODE_ENV === "production" && env.MAIL_TRANSPORT === "mailbox") {
    logger.warn(
      "MAIL_TRANSPORT=mailbox: emails are stored in the dev mailbox (/dev/mailbox), not sent. " +
        "Set RESEND_API_KEY and EMAIL_FROM before real users sign in.",
    );
  }
}
