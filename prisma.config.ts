// For the Prisma CLI (`npx prisma studio`, `npx prisma migrate status`, ...): it picks the schema and
// migrations that match the database, read from the same .env files Next.js reads, and connects past any
// pooler (the direct URL, lib/platform/env.ts), as migrations must.
import { loadEnvConfig } from "@next/env";
import { defineConfig } from "prisma/config";
import { databaseUrls, DEV_DATABASE_URL } from "./lib/platform/env";
import { migrationsDir } from "./lib/platform/db/migrate";
import { providerOf } from "./lib/platform/db/provider";

loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
const url = databaseUrls(process.env).direct ?? DEV_DATABASE_URL;
const provider = providerOf(url);

export default defineConfig({
  schema: provider === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: migrationsDir[provider] },
  datasource: { url },
});
