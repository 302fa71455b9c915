import "server-only";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "@/lib/env";
import { providerOf } from "./provider";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";

/**
 * The Prisma client for DATABASE_URL: SQLite (a file, the default outside production) or PostgreSQL.
 * Both clients are generated from the same models, so they share one API; the SQLite client's type
 * stands for both.
 */
function createClient(url: string): PrismaClient {
  if (providerOf(url) === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  // SQLite takes one writer at a time: a write waits up to 10 s for the file lock instead of failing at once.
  return new PrismaClient({ adapter: new PrismaLibSql({ url, timeout: 10_000 }) });
}

// One client per process: Next.js re-evaluates modules on every edit in development.
const globalForDb = globalThis as unknown as { db?: PrismaClient };

const { DATABASE_URL } = getEnv();
export const db = (globalForDb.db ??= createClient(DATABASE_URL));
export const databaseProvider = providerOf(DATABASE_URL);
