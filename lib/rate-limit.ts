import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db";

/**
 * A fixed-window counter in the rateLimit table (the one better-auth keeps its per-IP counters in), so it
 * holds across serverless instances. Every step is a single conditional write: concurrent requests cannot
 * all pass on a stale read. Keys are hashed: the table never holds an email address.
 *
 * Returns null when the request may go ahead, or the seconds until it may.
 */
export async function consumeQuota(name: string, { max, windowSeconds }: { max: number; windowSeconds: number }) {
  const key = `${name.split(":")[0]}:${createHash("sha256").update(name).digest("base64url")}`;
  const windowMs = windowSeconds * 1000;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = Date.now();
    const row = await db.rateLimit.findUnique({ where: { key } });
    if (!row) {
      const created = await db.rateLimit
        .create({ data: { id: randomUUID(), key, count: 1, lastRequest: BigInt(now) } })
        .then(
          () => true,
          () => false, // another request created it first: go round again
        );
      if (created) return null;
      continue;
    }
    const windowStart = Number(row.lastRequest);
    if (now - windowStart >= windowMs) {
      const { count } = await db.rateLimit.updateMany({
        where: { key, lastRequest: row.lastRequest },
        data: { count: 1, lastRequest: BigInt(now) },
      });
      if (count === 1) return null;
      continue;
    }
    const { count } = await db.rateLimit.updateMany({
      where: { key, lastRequest: row.lastRequest, count: { lt: max } },
      data: { count: { increment: 1 } },
    });
    if (count === 1) return null;
    const fresh = await db.rateLimit.findUnique({ where: { key } });
    if (fresh && fresh.lastRequest === row.lastRequest && fresh.count >= max) {
      return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    }
  }
  // Heavy contention on one key: refuse rather than let requests through uncounted.
  return windowSeconds;
}
