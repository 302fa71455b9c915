import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Provider } from "../lib/platform/db/provider";

/** The Prisma release whose WebAssembly schema engine writes our migration SQL (see prisma/diff.config.ts). */
const PRISMA_DIFF_VERSION = "6.19.3";

export const SOURCE_SCHEMA = path.join(process.cwd(), "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(process.cwd(), "prisma", "postgresql", "schema.prisma");

export const testPostgresUrl = () => process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

const POSTGRES_HEADER =
  "// Generated from prisma/schema.prisma by `npm run db:migration`: do not edit. It is the schema the\n" +
  "// PostgreSQL migrations produce, and generates the PostgreSQL client (lib/platform/db/generated/postgres).\n";

/** prisma/schema.prisma (SQLite) rewritten for PostgreSQL: the models are shared, never copied by hand. */
export function postgresSchemaFrom(source: string): string {
  const rewritten = source
    .replace(/^\/\/ The source of truth[^\n]*\n(\/\/[^\n]*\n)*/, "")
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output   = "../lib/platform/db/generated/sqlite"', 'output   = "../../lib/platform/db/generated/postgres"');
  return POSTGRES_HEADER + rewritten.replace(/^\n+/, "\n");
}

/** The SQLite form of a (generated) PostgreSQL schema: the reverse of postgresSchemaFrom. */
function sqliteSchemaFrom(postgresSchema: string): string {
  return postgresSchema.replace('provider = "postgresql"', 'provider = "sqlite"');
}

export function schemaFor(provider: Provider, postgresSchema: string): string {
  return provider === "postgresql" ? postgresSchema : sqliteSchemaFrom(postgresSchema);
}

export function readSchemas() {
  return {
    source: readFileSync(SOURCE_SCHEMA, "utf8"),
    // Absent only before the first migration.
    postgres: existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, "utf8") : null,
  };
}

/**
 * The SQL that takes a database from one Prisma schema to another (from nothing when `from` is null),
 * as Prisma writes it. Empty when they are the same.
 */
export function prismaDiff(provider: Provider, from: string | null, to: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "prisma-diff-"));
  try {
    const write = (name: string, schema: string) => {
      const file = path.join(dir, name);
      // Prisma 6 wants a url in the datasource block; the adapter in diff.config.ts is what it uses.
      writeFileSync(file, schema.replace(/(provider = "\w+")/, '$1\n  url      = env("DIFF_DATABASE_URL")'));
      return file;
    };
    const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", write("from.prisma", from)];
    const output = execFileSync(
      "npx",
      [
        "--yes",
        `prisma@${PRISMA_DIFF_VERSION}`,
        "migrate",
        "diff",
        "--config",
        path.join("prisma", "diff.config.ts"),
        ...fromArgs,
        "--to-schema-datamodel",
        write("to.prisma", to),
        "--script",
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          DIFF_PROVIDER: provider,
          DIFF_DATABASE_URL: provider === "postgresql" ? testPostgresUrl() : "file::memory:",
          // The query engine library is not used by `migrate diff`; a placeholder stops its download.
          PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
      },
    );
    return output.includes("-- This is an empty migration.") ? "" : output;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
