import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { providerOf, type Provider } from "./provider";

/**
 * Applies the committed SQL migrations to a database, recording them in Prisma's `_prisma_migrations`
 * table exactly as `prisma migrate deploy` does, so either tool can take over from the other.
 * It needs no Prisma engine binary: installs and deploys work where Prisma's download server cannot be reached.
 */

export const migrationsDir: Record<Provider, string> = {
  sqlite: path.join(process.cwd(), "prisma", "migrations"),
  postgresql: path.join(process.cwd(), "prisma", "postgresql", "migrations"),
};

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir[provider];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** The few operations the migrator needs, implemented once per database. */
interface MigrationTarget {
  ensureTable(): Promise<void>;
  appliedRows(): Promise<AppliedRow[]>;
  apply(migration: Migration): Promise<void>;
  close(): Promise<void>;
}

// The table definitions Prisma's schema engine creates, kept identical so `prisma migrate status` agrees.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key `prisma migrate deploy` takes, so the two never run over each other.
const PRISMA_ADVISORY_LOCK = 72707369;

function sqliteTarget(url: string): MigrationTarget {
  const file = url.replace(/^file:/, "");
  if (url.startsWith("file:") && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const client = createClient({ url });
  return {
    async ensureTable() {
      // Write-ahead logging (a setting stored in the file) lets readers and a writer work at the same time.
      await client.execute("PRAGMA journal_mode = WAL");
      await client.execute(SQLITE_MIGRATIONS_TABLE);
    },
    async appliedRows() {
      const result = await client.execute(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      return result.rows as unknown as AppliedRow[];
    },
    async apply(migration) {
      const id = randomUUID();
      // Prisma stores SQLite timestamps as milliseconds since the epoch.
      await client.execute({
        sql: 'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, ?)',
        args: [id, migration.checksum, migration.name, Date.now()],
      });
      try {
        await client.executeMultiple(migration.sql);
      } catch (error) {
        await client.execute({ sql: 'UPDATE "_prisma_migrations" SET logs = ? WHERE id = ?', args: [String(error), id] });
        throw error;
      }
      await client.execute({
        sql: 'UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?',
        args: [Date.now(), id],
      });
    },
    async close() {
      client.close();
    },
  };
}

async function postgresTarget(url: string): Promise<MigrationTarget> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    throw new MigrationError(`Cannot reach the PostgreSQL server at ${new URL(url).host} (the direct URL: DATABASE_URL_UNPOOLED, else DATABASE_URL): ${error.message}`);
  });
  await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
  return {
    async ensureTable() {
      await client.query(POSTGRES_MIGRATIONS_TABLE);
    },
    async appliedRows() {
      const result = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      return result.rows;
    },
    async apply(migration) {
      const id = randomUUID();
      await client.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
        [id, migration.checksum, migration.name],
      );
      try {
        // PostgreSQL runs DDL in transactions: a failing migration leaves no half-applied schema behind.
        await client.query(`BEGIN;\n${migration.sql}\nCOMMIT;`);
      } catch (error) {
        await client.query("ROLLBACK");
        await client.query('UPDATE "_prisma_migrations" SET logs = $1 WHERE id = $2', [String(error), id]);
        throw error;
      }
      await client.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
    },
    async close() {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
      await client.end();
    },
  };
}

class MigrationError extends Error {
  override name = "MigrationError";
}

/** Applies every migration not yet recorded; returns the names it applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  const migrations = readMigrations(provider);
  const target = provider === "postgresql" ? await postgresTarget(databaseUrl) : sqliteTarget(databaseUrl);
  try {
    await target.ensureTable();
    const applied = new Map<string, AppliedRow>();
    for (const row of await target.appliedRows()) {
      if (row.rolled_back_at == null) applied.set(row.migration_name, row);
    }
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && row.finished_at == null) {
        throw new MigrationError(
          `Migration ${migration.name} failed earlier and was not finished. Repair the database, then mark it ` +
            `with \`npx prisma migrate resolve --rolled-back ${migration.name}\` (or drop the database in development).`,
        );
      }
      if (row && row.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was edited after it was applied. Restore the file and add a new migration ` +
            `instead (npm run db:migration -- <name>).`,
        );
      }
      if (row) continue;
      await target.apply(migration);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await target.close();
  }
}
