import "server-only";
import { attachDatabasePool } from "@vercel/functions";
import { getEnv } from "@/lib/platform/env";
import { describeError, logger } from "@/lib/platform/log";
import { createClient, createPostgresPool } from "./client";
import { providerOf } from "./provider";

/**
 * The app's database client: one per process (an instance, or a Vercel function instance), made when this
 * module is first loaded. Next.js re-evaluates modules on every edit in development, hence the global.
 */
const globalForDb = globalThis as unknown as { db?: ReturnType<typeof createClient> };

const { DATABASE_URL, DATABASE_POOL_MAX } = getEnv();

function connect() {
  if (providerOf(DATABASE_URL) !== "postgresql") return createClient(DATABASE_URL);
  const pool = createPostgresPool(DATABASE_URL, DATABASE_POOL_MAX);
  // A connection that breaks while idle in the pool (the server restarted, a pooler closed it) is reported here;
  // with no listener, Node.js would stop the whole process. The pool opens a new one when next needed.
  pool.on("error", (error) => logger.warn(`An idle PostgreSQL connection closed: ${describeError(error)}`));
  // On Vercel, keeps a function instance alive until its idle connections are closed, so a suspended instance
  // leaves none open at the database. Elsewhere (no VERCEL_URL and VERCEL_REGION) it does nothing.
  attachDatabasePool(pool);
  return createClient(DATABASE_URL, pool);
}

export const db = (globalForDb.db ??= connect());
export const databaseProvider = providerOf(DATABASE_URL);
