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
  // SQLite takes one writer at a time: concurrent writers (several requests, several processes) wait for the
  // file lock, and Prisma's implicit transactions wait for a connection, instead of failing after 2 s.
  return new PrismaClient({
    adapter: new PrismaLibSql({ url, timeout: 10_000 }),
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
}

// One client per process: Next.js re-evaluates modules on every edit in development.
const globalForDb = globalThis as unknown as { db?: PrismaClient };

export const db = (globalForDb.db ??= createClient(getEnv().DATABASE_URL));
export const databaseProvider = providerOf(getEnv().DATABASE_URL);
