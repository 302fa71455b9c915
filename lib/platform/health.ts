import "server-only";
import { db } from "@/lib/platform/db";
import { describeError, logger } from "@/lib/platform/log";
import { pingRedis, redis } from "@/lib/platform/redis";

/** How long each dependency has to answer a health check: well under a load balancer's usual timeout. */
const CHECK_TIMEOUT_MS = 2_000;

type Check = "ok" | "down";

export interface Health {
  status: "ok" | "unavailable";
  database: Check;
  redis: Check | "off";
}

async function check(name: string, probe: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Node runs due timers before it reads the network: on a process too busy to look for a while, the answer may
    // already be waiting. setImmediate lets it be read first, so "down" means no answer, not a busy process.
    timer = setTimeout(() => setImmediate(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`))), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch (error) {
    logger.warn(`Health check: ${name} is down: ${describeError(error)}`);
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the app's dependencies answer, checked at the same time. */
export async function checkHealth(): Promise<Health> {
  const client = redis;
  const [database, redisCheck] = await Promise.all([
    check("the database", () => db.$queryRaw`SELECT 1`),
    client ? check("Redis", () => pingRedis(client)) : Promise.resolve("off" as const),
  ]);
  const status = database === "ok" && redisCheck !== "down" ? "ok" : "unavailable";
  return { status, database, redis: redisCheck };
}
