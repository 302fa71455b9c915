import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate, readMigrations } from "@/lib/platform/db/migrate";
import { postgresSchemaFrom, prismaDiff, readSchemas, schemaFor, testPostgresUrl } from "@/scripts/prisma-schema";

/**
 * The committed migrations must build exactly the database Prisma expects from the schema: each test
 * applies them to an empty database, builds a second one from Prisma's own SQL for the schema, and
 * compares the two table by table, column by column, index by index.
 */

const { source, postgres } = readSchemas();

describe("the PostgreSQL schema", () => {
  test("is generated from prisma/schema.prisma and up to date (else run npm run db:migration -- <name>)", () => {
    expect(postgres).toBe(postgresSchemaFrom(source));
  });
});

describe("SQLite migrations", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function describeSqlite(url: string) {
    const client = createClient({ url });
    const { rows } = await client.execute(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY type, name",
    );
    client.close();
    // Prisma writes the same statements with different spacing depending on the path, and SQLite's ADD COLUMN
    // splices the column into the stored CREATE TABLE with its own; compare the meaning.
    return rows.map((row) => ({ ...row, sql: String(row.sql).replace(/\s+/g, " ").replace(/ ?([,()]) ?/g, "$1") }));
  }

  test("build exactly the schema Prisma expects", async () => {
    const migrated = `file:${path.join(dir, "migrated.db")}`;
    const expected = `file:${path.join(dir, "expected.db")}`;
    await migrate(migrated);
    const client = createClient({ url: expected });
    await client.executeMultiple(prismaDiff("sqlite", null, schemaFor("sqlite", postgres!)));
    client.close();
    const actual = await describeSqlite(migrated);
    expect(actual.length).toBeGreaterThan(5);
    expect(actual).toEqual(await describeSqlite(expected));
  });

  test("are recorded in _prisma_migrations as Prisma records them, and applying again changes nothing", async () => {
    const url = `file:${path.join(dir, "twice.db")}`;
    const names = readMigrations("sqlite").map((migration) => migration.name);
    expect(await migrate(url)).toEqual(names);
    expect(await migrate(url)).toEqual([]);
    const client = createClient({ url });
    const { rows } = await client.execute(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    client.close();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const [index, migration] of readMigrations("sqlite").entries()) {
      expect(rows[index].checksum).toBe(migration.checksum);
      expect(rows[index].finished_at).not.toBeNull();
      expect(rows[index].applied_steps_count).toBe(1);
    }
  });

  test("refuse to run over a migration that was edited after it was applied", async () => {
    const url = `file:${path.join(dir, "edited.db")}`;
    await migrate(url);
    const client = createClient({ url });
    await client.execute('UPDATE "_prisma_migrations" SET checksum = \'0\'');
    client.close();
    await expect(migrate(url)).rejects.toThrow(/was edited after it was applied/);
  });
});

describe("PostgreSQL migrations", () => {
  // Two throwaway databases on the server TEST_POSTGRES_URL points at (default: the local `test` database).
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  const suffix = `${process.pid}_${Date.now()}`;
  const databases = { migrated: `migrated_${suffix}`, expected: `expected_${suffix}` };
  const urlOf = (database: string) => {
    const url = new URL(testPostgresUrl());
    url.pathname = `/${database}`;
    return url.toString();
  };

  beforeAll(async () => {
    await admin.connect().catch((error: Error) => {
      throw new Error(
        `PostgreSQL is not reachable at ${testPostgresUrl()} (${error.message}). Start it, or set TEST_POSTGRES_URL.`,
      );
    });
    for (const database of Object.values(databases)) await admin.query(`CREATE DATABASE "${database}"`);
  });
  afterAll(async () => {
    for (const database of Object.values(databases)) await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.end();
  });

  async function describePostgres(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name != '_prisma_migrations'
       ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename != '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
       AND conrelid::regclass::text != '_prisma_migrations' ORDER BY conname`,
    );
    await client.end();
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  }

  test("build exactly the schema Prisma expects", async () => {
    await migrate(urlOf(databases.migrated));
    const client = new pg.Client({ connectionString: urlOf(databases.expected) });
    await client.connect();
    await client.query(prismaDiff("postgresql", null, postgres!));
    await client.end();
    const actual = await describePostgres(urlOf(databases.migrated));
    expect(actual.columns.length).toBeGreaterThan(20);
    expect(actual).toEqual(await describePostgres(urlOf(databases.expected)));
  });

  test("are recorded in _prisma_migrations with Prisma's checksums, and applying again changes nothing", async () => {
    expect(await migrate(urlOf(databases.migrated))).toEqual([]);
    const client = new pg.Client({ connectionString: urlOf(databases.migrated) });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    await client.end();
    const migrations = readMigrations("postgresql");
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      migrations.map((migration) => [migration.name, migration.checksum]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
  });
});
