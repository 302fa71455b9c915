import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { APIError, isAPIError } from "better-auth/api";
import { CODE_ATTEMPTS } from "@/lib/common/codes";
import { CODE_MESSAGES } from "@/lib/common/messages";
import { db } from "@/lib/platform/db";
import { codeIdentifier } from "./attempt";

/**
 * Sign-in codes, as better-auth's emailOTP plugin stores them (storeOTP: "hashed"): identifier "sign-in-otp-" +
 * email, value base64url(SHA-256(code)) + ":" + wrong tries so far. A wrong try deletes the row and writes it
 * again with one more try counted; the code's own expiry is kept. The rules people type codes by are in
 * lib/common/codes.ts.
 */

/**
 * Tries the address's code has left: 0 once wrong tries have used them all (its row stays until the next try), null
 * when there is no live code (used, expired, replaced, never sent, or taken by the try after the last).
 */
export async function codeTriesLeft(email: string): Promise<number | null> {
  const row = await db.verification.findFirst({
    where: { identifier: codeIdentifier(email) },
    orderBy: { createdAt: "desc" },
  });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  const used = Number(row.value.slice(row.value.lastIndexOf(":") + 1));
  return Number.isInteger(used) ? Math.max(0, CODE_ATTEMPTS - used) : null;
}

/**
 * After /sign-in/email-otp: what people read when a code is refused. better-auth's error codes stay, its terse
 * messages do not.
 */
export async function explainRefusedCode(ctx: GenericEndpointContext & { context: { returned?: unknown } }) {
  const returned = ctx.context.returned;
  if (!isAPIError(returned)) return;
  switch (returned.body?.code) {
    case "INVALID_OTP": {
      // better-auth answers a wrong code by writing its row back with one more try counted: a row is there. Without
      // one, no code was there to be wrong.
      const triesLeft = await codeTriesLeft(ctx.body.email);
      const message =
        triesLeft === null ? CODE_MESSAGES.usedUp : triesLeft > 0 ? CODE_MESSAGES.wrong(triesLeft) : CODE_MESSAGES.wrongLastTry;
      throw new APIError("BAD_REQUEST", { code: "INVALID_OTP", message, triesLeft: triesLeft ?? 0 });
    }
    case "OTP_EXPIRED":
      throw new APIError("BAD_REQUEST", { code: "OTP_EXPIRED", message: CODE_MESSAGES.expired, triesLeft: 0 });
    case "TOO_MANY_ATTEMPTS":
      throw new APIError("FORBIDDEN", { code: "TOO_MANY_ATTEMPTS", message: CODE_MESSAGES.tooManyTries, triesLeft: 0 });
  }
}
