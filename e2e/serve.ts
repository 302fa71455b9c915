/**
 * Starts what the browser and HTTP tests run against (Playwright's webServer runs this): fresh databases (and
 * this checkout's Redis keys cleared), the stand-ins of e2e/outside-world.ts, the OpenID Connect provider of
 * e2e/oidc-provider.ts, one production build, the servers described in e2e/config.ts and the round-robin proxies
 * in front of the instance pairs.
 * Everything the servers print also goes to .data/e2e-servers.log, which a test reads for leaked secrets.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { Redis } from "ioredis";
import pg from "pg";
import { migrate } from "../lib/platform/db/migrate";

// Next.js's own executable, not npx: stopping it must stop the server, not just a wrapper process.
const NEXT = path.join(process.cwd(), "node_modules", ".bin", "next");
import {
  baseURL,
  DEPLOYED_DATABASE,
  INSTANCE_SETUPS,
  INSTANCES_REDIS_KEY_PREFIX,
  instanceEnv,
  SERVER_LOG_FILE,
  serverEnv,
  CLOSED_SERVER_MEMBER,
  TEST_DATABASE_FILES,
  TEST_PORTS,
  testPostgresUrl,
  testRedisUrl,
} from "./config";
import { startLoadBalancer } from "./load-balancer";
import { startOidcProvider } from "./oidc-provider";
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
  const postgresDatabases = [DEPLOYED_DATABASE, ...Object.values(INSTANCE_SETUPS).map((setup) => setup.database)];
  const admin = new pg.Client({ connectionString: testPostgresUrl().toString() });
  await admin.connect();
  for (const database of postgresDatabases) {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  }
  await admin.end();
  for (const database of postgresDatabases) await migrate(testPostgresUrl(database).toString());
  // Only this checkout's keys: other checkouts may be testing against the same Redis.
  const redis = new Redis(testRedisUrl().toString());
  const keys = await redis.keys(`${INSTANCES_REDIS_KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
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
  const redis = testRedisUrl();
  startOutsideWorld({
    postgres: { host: postgres.hostname, port: Number(postgres.port || 5432) },
    redis: { host: redis.hostname, port: Number(redis.port || 6379) },
  });
  // Before the build and the servers: the main server reads the provider's discovery document when it starts.
  await startOidcProvider();

  const build = spawnSync(NEXT, ["build"], { stdio: "inherit", env: serverEnv("main") });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const log = createWriteStream(SERVER_LOG_FILE);
  const start = (port: number, env: NodeJS.ProcessEnv) => {
    // Idle connections stay open longer than any pause between a test's requests: with Node's default 5 s, a client
    // reusing a connection just as the server closes it gets "socket hang up" on a busy machine.
    const child = spawn(NEXT, ["start", "-p", String(port), "--keepAliveTimeout", "65000"], { stdio: ["ignore", "pipe", "pipe"], env });
    for (const stream of [child.stdout, child.stderr]) {
      stream.pipe(process.stdout, { end: false });
      stream.pipe(log, { end: false });
    }
    child.on("exit", (code) => code && process.exit(code));
    return child;
  };
  // Playwright waits for the main server's address: it starts last, once the others answer.
  const others = ["signUpDisabled", "deployed", "linkOnly", "featuresOff"] as const;
  const servers = others.map((server) => start(TEST_PORTS[server], serverEnv(server)));
  const instancePorts: number[] = [];
  for (const [setup, { proxy, servers: ports }] of Object.entries(INSTANCE_SETUPS)) {
    for (const port of ports) servers.push(start(port, instanceEnv(setup as keyof typeof INSTANCE_SETUPS)));
    startLoadBalancer(proxy, ports);
    instancePorts.push(...ports);
  }
  await Promise.all([...others.map((server) => TEST_PORTS[server]), ...instancePorts].map((port) => waitUntilServing(baseURL(port))));
  servers.push(start(TEST_PORTS.main, serverEnv("main")));
  const stop = () => {
    for (const server of servers) server.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
