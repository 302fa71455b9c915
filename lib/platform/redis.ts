import "server-only";
import { redisStorage } from "@better-auth/redis-storage";
import type { BetterAuthOptions } from "better-auth";
import { Redis } from "ioredis";
import { getEnv } from "@/lib/platform/env";
import { describeError, logger } from "@/lib/platform/log";

/**
 * Redis, when REDIS_URL is set (any Redis; Upstash's rediss:// URL on Vercel): better-auth's secondary storage,
 * which then holds the per-IP rate limits and a copy of each session. The database keeps every session too
 * (session.storeSessionInDatabase in lib/auth/index.ts), so emptying Redis signs nobody out. Without REDIS_URL,
 * nothing here runs and the database holds everything.
 *
 * Redis never waits for long: a command fails after COMMAND_TIMEOUT_MS, and while Redis is unreachable commands
 * fail at once rather than queueing (the request answers 503, lib/auth/handler.ts). The client reconnects by
 * itself, and the app recovers with it.
 */

const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 1_000;
/** How long a command waits for a connection being (re)made before it fails. */
const READY_WAIT_MS = 1_000;

const { REDIS_URL, REDIS_KEY_PREFIX } = getEnv();

function createRedis(url: string) {
  const client = new Redis(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Reconnect soon after an outage, and keep trying every second.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  // One line per outage, not one per reconnect attempt. (The URL can hold a password: it is never logged.)
  let reported = false;
  client.on("error", (error) => {
    if (reported) return;
    reported = true;
    logger.error(`Redis is unreachable: ${describeError(error)}`);
  });
  client.on("ready", () => {
    if (reported) logger.info("Redis is reachable again");
    reported = false;
  });
  return client;
}

// One client per process: Next.js re-evaluates modules on every edit in development. On Vercel it is one
// connection per function instance. @vercel/functions' attachDatabasePool, which keeps an instance alive until its
// idle connections close, is not used for it: its 3.x releases recognise node-redis clients only and refuse an
// ioredis one ("Unsupported database pool type"). A frozen instance keeps its one connection; ioredis reconnects
// by itself if it was dropped meanwhile (and a command fails at once, a 503, rather than waiting for it).
const globalForRedis = globalThis as unknown as { redis?: Redis };
export const redis = REDIS_URL ? (globalForRedis.redis ??= createRedis(REDIS_URL)) : null;

/** Resolves once the client can send commands, or fails after READY_WAIT_MS. */
async function connected(client: Redis) {
  if (client.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(new Error("Redis is not reachable"));
    }, READY_WAIT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once("ready", onReady);
  });
}

/**
 * The health check's own connection: the same Redis without ioredis's command timeout. That timeout is a timer, and
 * Node runs due timers before it reads the network, so on a process busy for over a second an answered ping would
 * fail. The health check's timer (lib/platform/health.ts) lets a waiting answer be read first, and decides.
 */
let healthClient: Redis | undefined;

/** Whether Redis answers (GET /api/health; bounded by the health check's timeout). */
export async function pingRedis(client: Redis) {
  if (!healthClient) {
    healthClient = client.duplicate({ commandTimeout: undefined });
    // The app's client already logs every outage once.
    healthClient.on("error", () => {});
  }
  await connected(healthClient);
  await healthClient.ping();
}

type SecondaryStorage = NonNullable<BetterAuthOptions["secondaryStorage"]>;

/**
 * better-auth's Redis storage, with two differences:
 * - links and codes ("verification:" keys) are not copied to Redis. The app reads, retires and closes them in
 *   the database (lib/magic-link.ts, verification.storeInDatabase), which must stay their one truth: a copy
 *   left in Redis after a link is retired there would still be found by better-auth;
 * - each command first waits, briefly, for a connection being made (a cold start, a reconnect).
 */
function secondaryStorageOn(client: Redis): SecondaryStorage {
  const storage = redisStorage({ client, keyPrefix: REDIS_KEY_PREFIX });
  const isVerification = (key: string) => key.startsWith("verification:");
  return {
    async get(key) {
      if (isVerification(key)) return null;
      await connected(client);
      return storage.get(key);
    },
    async getAndDelete(key) {
      if (isVerification(key)) return null;
      await connected(client);
      return storage.getAndDelete(key);
    },
    async set(key, value, ttl) {
      if (isVerification(key)) return;
      await connected(client);
      await storage.set(key, value, ttl);
    },
    async delete(key) {
      if (isVerification(key)) return;
      await connected(client);
      await storage.delete(key);
    },
    async increment(key, ttl) {
      await connected(client);
      return storage.increment(key, ttl);
    },
  };
}

export const secondaryStorage = redis ? secondaryStorageOn(redis) : undefined;
