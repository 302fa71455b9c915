import "server-only";
import { getEnv } from "@/lib/platform/env";
import { createClient } from "./client";
import { providerOf } from "./provider";

// One client per process: Next.js re-evaluates modules on every edit in development.
const globalForDb = globalThis as unknown as { db?: ReturnType<typeof createClient> };

const { DATABASE_URL } = getEnv();
export const db = (globalForDb.db ??= createClient(DATABASE_URL));
export const databaseProvider = providerOf(DATABASE_URL);
