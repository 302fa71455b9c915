import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";
import { providerOf } from "./provider";

/**
 * How long a new PostgreSQL connection, and then a statement, may take before the request that needs it fails.
 * Every statement this app sends is small; one that takes longer means the server or the network is gone.
 */
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;
const POSTGRES_QUERY_TIMEOUT_MS = 5_000;

/**
 * How long a connection may sit unused before the pool closes it. Short: a serverless instance may be frozen
 * between requests, and a pooler or firewall in front of the database drops connections left idle; a connection
 * closed by the pool is never one a request finds dead.
 */
const POSTGRES_IDLE_TIMEOUT_MS = 5_000;

/**
 * The PostgreSQL connection pool of one process: at most `max` connections, each closed after a few idle
 * seconds. The caller keeps one per process (lib/platform/db/index.ts) and listens for its `error` event.
 */
export function createPostgresPool(url: string, max: number) {
  return new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: POSTGRES_IDLE_TIMEOUT_MS,
    // An unreachable or silent server fails a request within seconds (a 503, lib/auth/handler.ts) instead of
    // holding it: pg's default is to wait for a connection, and for an answer, forever.
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    query_timeout: POSTGRES_QUERY_TIMEOUT_MS,
  });
}

/**
 * A Prisma client for a database URL: SQLite (a file) or PostgreSQL, on the given pool or a pool of its own. Both
 * clients are generated from the same models, so they share one API; the SQLite client's type stands for both.
 *
 * DATABASE_LOG_STATEMENTS=1 prints every SQL statement the client sends (Prisma's "prisma:query" lines, no
 * parameter values): how `npm run bench` counts statements per request, and a way to see what a request costs.
 */
export function createClient(url: string, pool?: pg.Pool): PrismaClient {
  const log = process.env.DATABASE_LOG_STATEMENTS === "1" ? (["query"] as const) : [];
  if (providerOf(url) === "postgresql") {
    const adapter = new PrismaPg(pool ?? createPostgresPool(url, 10));
    return new PostgresClient({ adapter, log: [...log] }) as unknown as PrismaClient;
  }
  // SQLite takes one writer at a time: a write waits up to 10 s for the file lock instead of failing at once.
  return new PrismaClient({ adapter: new PrismaLibSql({ url, timeout: 10_000 }), log: [...log] });
}
