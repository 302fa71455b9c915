/**
 * Runs first in `npm run build` and before `npm start`: a missing or malformed variable stops the build, or the
 * server before it serves anything, with the variable's name and what to set it to (as `npm run dev` does).
 * Reads the .env files a production server reads (not .env.development.local, where `npm run dev` keeps its
 * generated secret).
 */
import { loadEnvConfig } from "@next/env";
import { parseEnv } from "../lib/platform/env";

loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
try {
  parseEnv({ ...process.env, NODE_ENV: "production" });
} catch (error) {
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}
