import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";

const quotaKey = (name: string) => createHash("sha256").update(name).digest("base64url");

/** Drops a counter (a deleted account's address starts with a clean slate). */
export async function forgetQuota(name: string) {
  await db.addressRateLimit.deleteMany({ where: { key: quotaKey(name) } });
}

/**
 * A fixed-window counter per key, in the address_rate_limit table, so it holds across serverless instances.
 * Every step is a single conditional write: concurrent requests cannot all pass on a stale read. Keys are
 * hashed: the table never holds an email address.
 *
 * Returns null when the request may go ahead, or the seconds until it may.
 */
export async function consumeQuota(name: string, { max, windowSeconds }: { max: number; windowSeconds: number }) {
  const key = quotaKey(name);
  const windowMs = windowSeconds * 1000;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = Date.now();
    const row = await db.addressRateLimit.findUnique({ where: { key } });
    if (!row) {
      const created = await db.addressRateLimit.create({ data: { key, count: 1, windowStart: BigInt(now) } }).then(
        () => true,
        () => false, // another request created it first: go round again
      );
      if (created) return null;
      continue;
    }
    const windowStart = Number(row.windowStart);
    if (now - windowStart >= windowMs) {
      const { count } = await db.addressRateLimit.updateMany({
        where: { key, windowStart: row.windowStart },
        data: { count: 1, windowStart: BigInt(now) },
      });
      if (count === 1) {
        // Windows that ended long ago are of no use to anyone: keep the table small.
        await db.addressRateLimit.deleteMany({ where: { windowStart: { lt: BigInt(now - windowMs) } } });
        return null;
      }
      continue;
    }
    const { count } = await db.addressRateLimit.updateMany({
      where: { key, windowStart: row.windowStart, count: { lt: max } },
      data: { count: { increment: 1 } },
    });
    if (count === 1) return null;
    const fresh = await db.addressRateLimit.findUnique({ where: { key } });
    if (fresh && fresh.windowStart === row.windowStart && fresh.count >= max) {
      return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    }
  }
  // Heavy contention on one key: refuse rather than let requests through uncounted.
  return windowSeconds;
}
