import "server-only";
import { createHash } from "node:crypto";
import type { BetterAuthOptions } from "better-auth";
import { APIError } from "better-auth/api";
import { SERVER_MESSAGES } from "@/lib/common/messages";
import { db } from "@/lib/platform/db";

const quotaKey = (name: string) => createHash("sha256").update(name).digest("base64url");

/**
 * The longest window any limit here may have (the daily limit on code checks). Rows are pruned only once a
 * window this long has ended, so pruning never cuts short a limit with a longer window than the caller's.
 */
const LONGEST_WINDOW_SECONDS = 24 * 60 * 60;

/** Drops a counter (a deleted account's address starts with a clean slate). */
export async function forgetQuota(name: string) {
  await db.addressRateLimit.deleteMany({ where: { key: quotaKey(name) } });
}

/** When this process last removed windows that ended long ago. */
let lastPrune = 0;

/**
 * A fixed-window counter per key, in the address_rate_limit table, so it holds across serverless instances.
 * One statement counts the request and reads the window back (an upsert, atomic on SQLite and PostgreSQL):
 * concurrent requests cannot all pass on a stale read. Keys are hashed: the table never holds an email or IP
 * address.
 *
 * Returns null when the request may go ahead, or the seconds until it may.
 */
export async function consumeQuota(name: string, { max, windowSeconds }: { max: number; windowSeconds: number }) {
  if (windowSeconds > LONGEST_WINDOW_SECONDS) throw new Error(`A rate-limit window is at most ${LONGEST_WINDOW_SECONDS} s`);
  const key = quotaKey(name);
  const windowMs = windowSeconds * 1000;
  const now = Date.now();
  const ended = BigInt(now - windowMs);
  // A window that has ended starts again at 1; otherwise the count goes up, past max while refused.
  const [row] = await db.$queryRaw<{ count: number | bigint; windowStart: number | bigint }[]>`
    INSERT INTO "address_rate_limit" ("key", "count", "windowStart") VALUES (${key}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "address_rate_limit"."windowStart" <= ${ended} THEN 1 ELSE "address_rate_limit"."count" + 1 END,
      "windowStart" = CASE WHEN "address_rate_limit"."windowStart" <= ${ended} THEN ${BigInt(now)} ELSE "address_rate_limit"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (now - lastPrune > 60_000) {
    lastPrune = now;
    // Windows that ended long ago are of no use to anyone: keep the table small, at most once a minute.
    const stale = BigInt(now - LONGEST_WINDOW_SECONDS * 1000);
    await db.addressRateLimit.deleteMany({ where: { windowStart: { lt: stale } } });
  }
  if (Number(row.count) <= max) return null;
  return Math.max(1, Math.ceil((Number(row.windowStart) + windowMs - now) / 1000));
}

/**
 * The answer to a request over its limit: 429 with the wait in Retry-After (the standard header) and in
 * X-Retry-After (better-auth's, which its client reads). A limit on one value (an address) says so in its own code.
 */
export function tooManyRequests(retryAfter: number, message: string = SERVER_MESSAGES.tooManyRequests, code = "TOO_MANY_REQUESTS") {
  return new APIError(
    "TOO_MANY_REQUESTS",
    { code, message },
    { "Retry-After": String(retryAfter), "X-Retry-After": String(retryAfter) },
  );
}

/** The counter name of one of better-auth's per-IP limits (its key is the client's IP and the endpoint's path). */
const clientLimitName = (key: string) => `client:${key}`;

/**
 * better-auth's per-IP limits when there is no Redis: the same fixed-window counter, one statement a request
 * (better-auth's own database storage reads, then writes: two). Redis's storage counts fixed windows too.
 */
export const clientRateLimitStorage: NonNullable<NonNullable<BetterAuthOptions["rateLimit"]>["customStorage"]> = {
  async consume(key, rule) {
    const retryAfter = await consumeQuota(clientLimitName(key), { max: rule.max, windowSeconds: rule.window });
    return retryAfter == null ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter };
  },
};
