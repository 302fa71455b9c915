/**
 * Starts what the browser and HTTP tests run against (Playwright's webServer runs this): fresh databases,
 * the stand-ins of e2e/outside-world.ts, one production build and the servers described in e2e/config.ts.
 * Everything the servers print also goes to .data/e2e-servers.log, which a test reads for leaked secrets.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { migrate } from "../lib/db/migrate";

// Next.js's own executable, not npx: stopping it must stop the server, not just a wrapper process.
const NEXT = path.join(process.cwd(), "node_modules", ".bin", "next");
import {
  baseURL,
  DEPLOYED_DATABASE,
  SERVER_LOG_FILE,
  serverEnv,
  CLOSED_SERVER_MEMBER,
  TEST_DATABASE_FILES,
  TEST_PORTS,
  testPostgresUrl,
} from "./config";
import { startOutsideWorld } from "./outside-world";

async function freshDatabases() {
  for (const file of Object.values(TEST_DATABASE_FILES)) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    await migrate(`file:${file}`);
  }
  const closed = createClient({ url: `file:${TEST_DATABASE_FILES.signUpDisabled}` });
  const now = new Date().toISOString();
  await closed.execute({
    sql: 'INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)',
    args: ["closed-server-member", "Member", CLOSED_SERVER_MEMBER, now, now],
  });
  closed.close();
  const admin = new pg.Client({ connectionString: testPostgresUrl().toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DEPLOYED_DATABASE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DEPLOYED_DATABASE}"`);
  await admin.end();
  await migrate(testPostgresUrl(DEPLOYED_DATABASE).toString());
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

async function main() {
  await freshDatabases();
  const postgres = testPostgresUrl();
  startOutsideWorld({ host: postgres.hostname, port: Number(postgres.port || 5432) });

  const build = spawnSync(NEXT, ["build"], { stdio: "inherit", env: serverEnv("main") });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const log = createWriteStream(SERVER_LOG_FILE);
  const start = (server: keyof typeof TEST_PORTS) => {
    const child = spawn(NEXT, ["start", "-p", String(TEST_PORTS[server])], {
      stdio: ["ignore", "pipe", "pipe"],
      env: serverEnv(server),
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.pipe(process.stdout, { end: false });
      stream.pipe(log, { end: false });
    }
    child.on("exit", (code) => code && process.exit(code));
    return child;
  };
  // Playwright waits for the main server's address: it starts last, once the others answer.
  const others = ["signUpDisabled", "deployed", "linkOnly"] as const;
  const servers = others.map(start);
  await Promise.all(others.map((server) => waitUntilServing(baseURL(TEST_PORTS[server]))));
  servers.push(start("main"));
  const stop = () => {
    for (const server of servers) server.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
