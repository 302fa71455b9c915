/**
 * Database commands (see "Database" in the README):
 *   npm run db:generate            generate the Prisma clients (runs after npm install)
 *   npm run db:migrate             apply committed migrations to the database, through its direct URL
 *                                  (DATABASE_URL_UNPOOLED and the like, lib/platform/env.ts; else DATABASE_URL)
 *   npm run db:migration -- <name> write a migration for both databases from changes to prisma/schema.prisma
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { databaseUrls, DEV_DATABASE_URL } from "../lib/platform/env";
import { migrate, migrationsDir } from "../lib/platform/db/migrate";
import { providerOf, type Provider } from "../lib/platform/db/provider";
import { POSTGRES_SCHEMA, postgresSchemaFrom, prismaDiff, readSchemas, schemaFor, SOURCE_SCHEMA } from "./prisma-schema";

function generate() {
  for (const schema of [SOURCE_SCHEMA, POSTGRES_SCHEMA]) {
    execFileSync("npx", ["prisma", "generate", "--schema", schema], {
      stdio: ["ignore", "ignore", "inherit"],
      // `generate` needs no schema engine, but the CLI downloads one first unless told where one is;
      // pointing it at any file lets installs work offline and behind firewalls.
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath },
    });
  }
  console.log("Generated the Prisma clients in lib/platform/db/generated/ (sqlite, postgres).");
}

async function migrateDatabase(url: string) {
  const applied = await migrate(url);
  const where = providerOf(url) === "postgresql" ? "PostgreSQL" : url;
  console.log(applied.length ? `Applied ${applied.join(", ")} to ${where}.` : `Database ${where} is up to date.`);
}

function newMigration(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error("Name the migration in snake_case: npm run db:migration -- add_profile_table");
  }
  const { source, postgres: previous } = readSchemas();
  const next = postgresSchemaFrom(source);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  let written = 0;
  for (const provider of ["sqlite", "postgresql"] as Provider[]) {
    const sql = prismaDiff(provider, previous && schemaFor(provider, previous), schemaFor(provider, next));
    if (!sql) continue;
    const dir = path.join(migrationsDir[provider], `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    written++;
  }
  if (!written) {
    console.log("prisma/schema.prisma has no changes since the last migration.");
    return;
  }
  writeFileSync(POSTGRES_SCHEMA, next);
  generate();
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
  switch (command) {
    case "generate":
      return generate();
    case "migrate":
      return migrateDatabase(databaseUrls(process.env).direct ?? DEV_DATABASE_URL);
    case "migration":
      return newMigration(args[0]);
    default:
      throw new Error("Usage: tsx scripts/db.ts generate | migrate | migration <name>");
  }
}

main().catch((error: Error) => {
  console.error(`\n${error.message}\n`);
  process.exit(1);
});
