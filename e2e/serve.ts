/**
 * Starts what the browser and HTTP tests run against (Playwright's webServer runs this):
 * a fresh SQLite database, the production build, and two servers on it:
 *   :3100  the default configuration (sign-up open), emails in the dev mailbox;
 *   :3101  the same app with AUTH_DISABLE_SIGN_UP=true.
 * NODE_ENV=production, so the tests see what a deployment does (rate limits on, origin checks on).
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { migrate } from "../lib/db/migrate";
import { baseURL, serverEnv, TEST_DATABASE_FILE, TEST_PORTS } from "./config";

async function main() {
  rmSync(TEST_DATABASE_FILE, { force: true });
  await migrate(`file:${TEST_DATABASE_FILE}`);

  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: serverEnv(TEST_PORTS.main) });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const servers = [
    spawn("npx", ["next", "start", "-p", String(TEST_PORTS.signUpDisabled)], {
      stdio: "inherit",
      env: serverEnv(TEST_PORTS.signUpDisabled, { AUTH_DISABLE_SIGN_UP: "true" }),
    }),
  ];
  // Playwright waits for the main server; it starts once the other one answers.
  await waitUntilServing(baseURL(TEST_PORTS.signUpDisabled));
  servers.push(
    spawn("npx", ["next", "start", "-p", String(TEST_PORTS.main)], {
      stdio: "inherit",
      env: serverEnv(TEST_PORTS.main),
    }),
  );
  const stop = () => {
    for (const server of servers) server.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (const server of servers) server.on("exit", (code) => code && process.exit(code));
}

async function waitUntilServing(url: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ok = await fetch(`${url}/sign-in`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not start`);
}

void main();
