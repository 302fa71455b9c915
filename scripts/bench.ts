/**
 * npm run bench: the app's production build side by side with a bare better-auth server
 * (scripts/bare-auth-server.ts: the same better-auth, Prisma client and adapter, nothing of this app), on SQLite
 * and on PostgreSQL (TEST_POSTGRES_URL; skipped when its server does not answer). Prints, never asserts.
 *
 * For each database: cold start (spawn to the first answer), SQL statements per request (each server's Prisma
 * statement log, DATABASE_LOG_STATEMENTS=1, on a run of its own), throughput and latency under load
 * (autocannon, 16 connections, the two servers taking turns A B A B so the machine's noise falls on both), and
 * memory (RSS of each server's processes after 10,000 and 50,000 get-session requests). Next.js's own cost is
 * measured beside them: an empty route handler, built and started as the app is (the floor no request goes below).
 *
 * BENCH_SECONDS (default 5) is the length of one round; BENCH_ROUNDS (default 2) the rounds per server.
 * BENCH_ONLY=accounts measures only whether answers take as long with an account as without (SQLite, a minute).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { build } from "esbuild";
import pg from "pg";
import { createClient } from "../lib/platform/db/client";
import { migrate } from "../lib/platform/db/migrate";
import { buildApp, productionEnv, randomClientIp, spawnApp, waitForAnswer } from "./production-server";
import { testPostgresUrl } from "./prisma-schema";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 16;
const PORTS = { app: 3450, bare: 3451, floor: 3452 } as const;
const SECRET = "measure-Qw8sLr2Vn5Xc7Zt1Yp4Hm6Jk9Gf3Ds0Ba";
const BARE_BUNDLE = path.join(process.cwd(), ".data", "bare-auth-server.mjs");
const FLOOR_DIR = path.join(process.cwd(), ".data", "next-floor");

type Side = "app" | "bare";
const SIDES: Side[] = ["app", "bare"];

interface Running {
  origin: string;
  child: ChildProcess;
  /** SQL statements logged so far (only when started with the statement log). */
  statements: () => number;
  stop: () => Promise<void>;
}

/** How to start each side on a database. */
function launcher(side: Side, databaseUrl: string) {
  const origin = `http://localhost:${PORTS[side]}`;
  return (logStatements = false): Running => {
    const log = logStatements ? { DATABASE_LOG_STATEMENTS: "1" } : {};
    const stdout = logStatements ? "pipe" : "ignore";
    const child =
      side === "app"
        ? // One address is asked for many links in the timing check below; the limit's cost is the same at any value.
          spawnApp(PORTS.app, { ...productionEnv(origin, databaseUrl, { MAGIC_LINK_ADDRESS_LIMIT: "100000" }), ...log }, stdout)
        : spawn(process.execPath, [BARE_BUNDLE], {
            stdio: ["ignore", stdout, "inherit"],
            env: {
              ...process.env,
              ...log,
              NODE_ENV: "production",
              PORT: String(PORTS.bare),
              DATABASE_URL: databaseUrl,
              BETTER_AUTH_SECRET: SECRET,
              BETTER_AUTH_URL: origin,
            },
          });
    let statements = 0;
    child.stdout?.on("data", (chunk: Buffer) => {
      statements += chunk.toString().split("prisma:query").length - 1;
    });
    return { origin, child, statements: () => statements, stop: stopper(child) };
  };
}

/** Stops a server and resolves once it has exited. */
const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** Resident memory of a process and its descendants (next start runs the server in a child), in MiB. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const own = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return own + children.reduce((sum, child) => sum + rssMiB(Number(child)), 0);
}

/**
 * What Next.js itself costs per request: an app of one route handler answering `null`, built and started as the
 * app is (next build, next start), with this project's node_modules hard-linked in (Turbopack compiles nothing
 * outside an app's own root). No request can cost the app less than it costs this.
 */
function buildNextFloor() {
  rmSync(FLOOR_DIR, { recursive: true, force: true });
  mkdirSync(path.join(FLOOR_DIR, "app", "floor"), { recursive: true });
  writeFileSync(path.join(FLOOR_DIR, "app", "floor", "route.js"), "export const GET = () => Response.json(null);\n");
  writeFileSync(path.join(FLOOR_DIR, "next.config.mjs"), "export default { turbopack: { root: import.meta.dirname } };\n");
  writeFileSync(path.join(FLOOR_DIR, "package.json"), '{ "private": true }\n');
  if (spawnSync("cp", ["-al", path.join(process.cwd(), "node_modules"), FLOOR_DIR]).status !== 0) {
    throw new Error("could not link node_modules into the Next.js floor app");
  }
  const next = path.join(FLOOR_DIR, "node_modules", ".bin", "next");
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  if (spawnSync(next, ["build"], { cwd: FLOOR_DIR, stdio: "ignore", env }).status !== 0) throw new Error("building the Next.js floor app failed");
  return () => {
    const child = spawn(next, ["start", "-p", String(PORTS.floor)], { cwd: FLOOR_DIR, stdio: "ignore", env });
    return { origin: `http://localhost:${PORTS.floor}`, child, stop: stopper(child) };
  };
}

const jsonHeaders = (origin: string) => ({ "content-type": "application/json", origin });
const newEmail = () => `bench-${randomUUID()}@example.com`;

/** The client-side steps every measurement is made of. */
function client(origin: string, mailbox: ReturnType<typeof createClient>) {
  /** A JSON POST to an auth endpoint, from a client address of its own, as a page of the app sends it. */
  const post = (endpoint: string, body: Record<string, string>) =>
    fetch(`${origin}/api/auth${endpoint}`, {
      method: "POST",
      headers: { ...jsonHeaders(origin), "x-real-ip": randomClientIp() },
      body: JSON.stringify(body),
    });
  const sendLink = (email: string) => post("/sign-in/magic-link", { email, callbackURL: "/dashboard" });
  /** Uses the newest link sent to an address through the API's verify endpoint; returns its cookies. */
  const verify = async (email: string) => {
    const message = await mailbox.devEmail.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const token = message?.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no link reached ${email}`);
    const response = await fetch(`${origin}/api/auth/magic-link/verify?token=${token}&callbackURL=/dashboard`, {
      headers: { "x-real-ip": randomClientIp() },
      redirect: "manual",
    });
    const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
    if (response.status !== 302 || !cookies.length) throw new Error(`verify answered ${response.status}`);
    return cookies.join("; ");
  };
  const signIn = async () => {
    const email = newEmail();
    const sent = await sendLink(email);
    if (!sent.ok) throw new Error(`sending a link answered ${sent.status}: ${await sent.text()}`);
    return verify(email);
  };
  const getSession = (cookie?: string) =>
    fetch(`${origin}/api/auth/get-session`, {
      headers: { "x-real-ip": randomClientIp(), ...(cookie ? { cookie } : {}) },
    }).then(async (response) => {
      if (!response.ok) throw new Error(`get-session answered ${response.status}`);
      return response.text();
    });
  return { post, sendLink, verify, signIn, getSession };
}

type Client = ReturnType<typeof client>;

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Requests `url` under load, each request from its own client address, as many visitors would send them. */
async function cannon(options: Omit<autocannon.Options, "body"> & { body?: () => string }): Promise<Load> {
  const { body, headers, ...rest } = options;
  const result = await autocannon({
    connections: CONNECTIONS,
    ...rest,
    requests: [
      {
        method: body ? "POST" : "GET",
        setupRequest: (request) => ({
          ...request,
          headers: { ...headers, "x-real-ip": randomClientIp() },
          ...(body ? { body: body() } : {}),
        }),
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed) throw new Error(`${failed} of ${result.requests.total} requests to ${options.url} failed`);
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Exactly `total` requests from CONNECTIONS clients at once (for memory, where the count matters, not the time). */
async function requestMany(total: number, request: (cookie: string) => Promise<unknown>, cookie: string) {
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (sent < total) {
        sent++;
        await request(cookie);
      }
    }),
  );
}

/** CONNECTIONS clients signing in (send a link, then verify it) for SECONDS; latency is send + verify. */
async function signInLoad({ sendLink, verify }: Client): Promise<Load> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const email = newEmail();
        let start = performance.now();
        const sent = await sendLink(email);
        await sent.arrayBuffer();
        let elapsed = performance.now() - start;
        if (!sent.ok) throw new Error(`sending a link answered ${sent.status}`);
        start = performance.now();
        await verify(email);
        elapsed += performance.now() - start;
        latencies.push(elapsed);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99) };
}

interface Scenario {
  name: string;
  target: string;
  /** For the ratio: throughput (higher is better) or latency (lower is better). */
  compare: "throughput" | "latency";
  run: (running: Running, client: Client) => Promise<Load>;
  /** One request of this kind (warm-up). */
  once: (client: Client) => Promise<unknown>;
  /** Also measured on the Next.js floor app, in the same rounds: a request that does no work. */
  floor?: true;
}

const SCENARIOS: Scenario[] = [
  {
    name: "get-session with a cookie",
    target: ">= 0.8x",
    compare: "throughput",
    // A fresh sign-in each round: the app's cached session (SESSION_CACHE_SECONDS) is then as a browser has it.
    run: async ({ origin }, { signIn }) =>
      cannon({ url: `${origin}/api/auth/get-session`, headers: { cookie: await signIn() }, duration: SECONDS }),
    once: async ({ signIn, getSession }) => getSession(await signIn()),
  },
  {
    name: "get-session without a cookie",
    target: ">= 0.6x",
    compare: "throughput",
    run: async ({ origin }) => cannon({ url: `${origin}/api/auth/get-session`, duration: SECONDS }),
    once: ({ getSession }) => getSession(),
    floor: true,
  },
  {
    name: "send a link (new address each time)",
    target: ">= 0.5x",
    compare: "throughput",
    run: async ({ origin }) =>
      cannon({
        url: `${origin}/api/auth/sign-in/magic-link`,
        duration: SECONDS,
        headers: jsonHeaders(origin),
        body: () => JSON.stringify({ email: newEmail(), callbackURL: "/dashboard" }),
      }),
    once: ({ sendLink }) => sendLink(newEmail()).then((response) => response.text()),
  },
  {
    name: "full sign-in (send + verify), latency",
    target: "<= 1.5x",
    compare: "latency",
    run: (_running, client) => signInLoad(client),
    once: ({ signIn }) => signIn(),
  },
];

/**
 * The answers that must not tell an address with an account from one without must take as long for either, or
 * the timing tells who has one: sending a link, asking for a password reset, signing up with a password (a
 * taken address and a new one). 50 of each kind, one at a time, interleaved; the medians and their difference.
 */
async function timesByAccount({ signIn, post }: Client, origin: string) {
  const cookie = await signIn();
  const existing = JSON.parse(await (await fetch(`${origin}/api/auth/get-session`, { headers: { cookie } })).text()).user.email as string;
  const requests = {
    "Sending a link": (email: string) => post("/sign-in/magic-link", { email, callbackURL: "/dashboard" }),
    "A password reset": (email: string) => post("/request-password-reset", { email, redirectTo: "/reset-password" }),
    "A password sign-up": (email: string) => post("/sign-up/email", { email, password: "correct horse battery", name: "Bench" }),
  };
  const lines: string[] = [];
  for (const [name, send] of Object.entries(requests)) {
    const times = { existing: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 50; i++) {
      for (const kind of ["existing", "unknown"] as const) {
        const since = performance.now();
        const response = await send(kind === "existing" ? existing : newEmail());
        await response.text();
        if (!response.ok) throw new Error(`${name} answered ${response.status}`);
        times[kind].push(performance.now() - since);
      }
    }
    const [known, unknown] = [median(times.existing), median(times.unknown)];
    lines.push(
      `${name}, median of 50 one at a time: existing account ${known.toFixed(1)} ms, none ${unknown.toFixed(1)} ms (difference ${(unknown - known).toFixed(1)} ms).`,
    );
  }
  return lines.join("\n");
}

/**
 * What rendering one sign-in email (its HTML and plain text) costs: part of every send. Measured in this process
 * with React's production build, which is what the app's server runs (React picks its build when first loaded).
 */
async function signInEmailRenderTime() {
  Object.assign(process.env, { NODE_ENV: "production" });
  const [{ default: MagicLinkEmail }, { emailBrand }, { renderEmail }] = await Promise.all([
    import("../emails/magic-link"),
    import("../emails/_components/layout"),
    import("../lib/platform/email/render"),
  ]);
  const brand = emailBrand(`http://localhost:${PORTS.app}`);
  const email = () =>
    MagicLinkEmail({ brand, url: `http://localhost:${PORTS.app}/sign-in/confirm?token=${"x".repeat(40)}`, code: "123456", expiresInMinutes: 5 });
  for (let i = 0; i < 50; i++) await renderEmail(email());
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const since = performance.now();
    await renderEmail(email());
    times.push(performance.now() - since);
  }
  return `Rendering one sign-in email (HTML and plain text), median of 200: ${median(times).toFixed(2)} ms.`;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Statements per request of each scenario: ten requests of one kind at a time, on a server logging them. */
async function countStatements(running: Running, clientOf: Client) {
  const counts: number[] = [];
  const cookie = await clientOf.signIn();
  const kinds: (() => Promise<unknown>)[] = [
    () => clientOf.getSession(cookie),
    () => clientOf.getSession(),
    () => clientOf.sendLink(newEmail()).then((response) => response.text()),
    () => clientOf.signIn(),
  ];
  for (const kind of kinds) {
    await kind();
    await settle();
    const before = running.statements();
    for (let i = 0; i < 10; i++) await kind();
    await settle();
    counts.push((running.statements() - before) / 10);
  }
  return counts;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

async function benchDatabase(label: string, urls: Record<Side, string>, startFloor: ReturnType<typeof buildNextFloor>) {
  for (const side of SIDES) await migrate(urls[side]);
  const start = { app: launcher("app", urls.app), bare: launcher("bare", urls.bare) };
  const mailboxes = { app: createClient(urls.app), bare: createClient(urls.bare) };
  const clients = {
    app: client(`http://localhost:${PORTS.app}`, mailboxes.app),
    bare: client(`http://localhost:${PORTS.bare}`, mailboxes.bare),
  };
  const sessionUrl = (side: Side) => `http://localhost:${PORTS[side]}/api/auth/get-session`;

  // Cold start: spawn to the first answer, taking turns.
  const coldStarts: Record<Side, number[]> = { app: [], bare: [] };
  for (let round = 0; round < 3; round++) {
    for (const side of SIDES) {
      const since = performance.now();
      const running = start[side]();
      coldStarts[side].push(await waitForAnswer(sessionUrl(side), running.child, since));
      await running.stop();
    }
  }

  const statements = {} as Record<Side, number[]>;
  let enumeration = "";
  for (const side of SIDES) {
    const running = start[side](true);
    await waitForAnswer(sessionUrl(side), running.child);
    statements[side] = await countStatements(running, clients[side]);
    if (side === "app") enumeration = await timesByAccount(clients.app, `http://localhost:${PORTS.app}`);
    await running.stop();
  }

  const running = { app: start.app(), bare: start.bare() };
  const floor = startFloor();
  const floorUrl = `${floor.origin}/floor`;
  const loads: Record<Side, Load[]>[] = [];
  const floorLoads: Load[] = [];
  try {
    for (const side of SIDES) await waitForAnswer(sessionUrl(side), running[side].child);
    await waitForAnswer(floorUrl, floor.child);
    for (const scenario of SCENARIOS) {
      // Warm-up, unmeasured: the first requests load code and fill caches.
      for (const side of SIDES) for (let i = 0; i < 20; i++) await scenario.once(clients[side]);
      if (scenario.floor) for (let i = 0; i < 20; i++) await (await fetch(floorUrl)).text();
      const results: Record<Side, Load[]> = { app: [], bare: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of SIDES) results[side].push(await scenario.run(running[side], clients[side]));
        if (scenario.floor) floorLoads.push(await cannon({ url: floorUrl, duration: SECONDS }));
      }
      loads.push(results);
    }
  } finally {
    for (const side of SIDES) await running[side].stop();
    await floor.stop();
  }

  // Memory: fresh servers, RSS after 10,000 and after 50,000 get-session requests (cookies renewed every 5,000).
  const memory = {} as Record<Side, number[]>;
  for (const side of SIDES) {
    const server = start[side]();
    try {
      await waitForAnswer(sessionUrl(side), server.child);
      const samples = [rssMiB(server.child.pid!)];
      for (let batch = 1; batch <= 10; batch++) {
        await requestMany(5000, clients[side].getSession, await clients[side].signIn());
        if (batch === 2 || batch === 10) samples.push(rssMiB(server.child.pid!));
      }
      memory[side] = samples;
    } finally {
      await server.stop();
    }
  }
  for (const side of SIDES) await mailboxes[side].$disconnect();

  const fixed = (value: number, digits = 0) => value.toFixed(digits);
  const rows = SCENARIOS.map((scenario, index) => {
    const app = loads[index].app;
    const bare = loads[index].bare;
    const ratio =
      scenario.compare === "throughput"
        ? mean(app.map((l) => l.perSecond)) / mean(bare.map((l) => l.perSecond))
        : mean(app.map((l) => l.p50)) / mean(bare.map((l) => l.p50));
    const figures = (results: Load[]) =>
      `${fixed(mean(results.map((l) => l.perSecond))).padStart(6)} | ${fixed(mean(results.map((l) => l.p50)), 1)} / ${fixed(mean(results.map((l) => l.p99)), 1)}`;
    return `| ${scenario.name} | ${figures(app)} | ${figures(bare)} | ${fixed(statements.app[index], 1)} / ${fixed(statements.bare[index], 1)} | ${fixed(ratio, 2)}x | ${scenario.target} |`;
  });
  const cold = { app: median(coldStarts.app), bare: median(coldStarts.bare) };
  const floorIndex = SCENARIOS.findIndex((scenario) => scenario.floor);
  const perSecond = (results: Load[]) => mean(results.map((l) => l.perSecond));
  const floorLine =
    `The Next.js floor (an app of one route handler answering null, built and started as the app is), in the same ` +
    `rounds as ${SCENARIOS[floorIndex].name}: ${fixed(perSecond(floorLoads))} req/s, p50 / p99 ` +
    `${fixed(mean(floorLoads.map((l) => l.p50)), 1)} / ${fixed(mean(floorLoads.map((l) => l.p99)), 1)} ms: ` +
    `${fixed(perSecond(floorLoads) / perSecond(loads[floorIndex].bare), 2)}x the bare server's answer; the app's is ` +
    `${fixed(perSecond(loads[floorIndex].app) / perSecond(floorLoads), 2)}x the floor's.`;
  const growth = (side: Side) => `${fixed(memory[side][0])} → ${fixed(memory[side][1])} → ${fixed(memory[side][2])}`;
  console.log(`
### ${label}

| request | app req/s | app p50 / p99 ms | bare req/s | bare p50 / p99 ms | statements app / bare | app / bare | target |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join("\n")}
| cold start to first answer (median of 3), ms | ${fixed(cold.app)} | | ${fixed(cold.bare)} | | | ${fixed(cold.app / cold.bare, 2)}x | <= 1.2x |

RSS in MiB at start → after 10,000 → after 50,000 get-session requests: app ${growth("app")} (${fixed(
    (memory.app[2] / memory.app[1] - 1) * 100,
    1,
  )} % from 10,000 to 50,000; target within 10 %), bare ${growth("bare")}.
${floorLine}
${enumeration}
Full sign-in: sign-ins per second in the req/s columns, latency of send + verify. ${ROUNDS} rounds of ${SECONDS} s per server and request, taking turns.`);
}

async function postgresDatabases(): Promise<Record<Side, string> | string> {
  const admin = new pg.Client({ connectionString: testPostgresUrl(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL skipped: cannot reach TEST_POSTGRES_URL (${(error as Error).message})`;
  }
  const urls = {} as Record<Side, string>;
  for (const side of SIDES) {
    const name = `bench_${side}_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(testPostgresUrl());
    url.pathname = `/${name}`;
    urls[side] = url.toString();
  }
  await admin.end();
  return urls;
}

async function dropPostgresDatabases(urls: Record<Side, string>) {
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  for (const side of SIDES) await admin.query(`DROP DATABASE IF EXISTS "${new URL(urls[side]).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

async function main() {
  const sqlite = {} as Record<Side, string>;
  for (const side of SIDES) {
    const file = path.join(process.cwd(), ".data", `bench-${side}.db`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    sqlite[side] = `file:${file}`;
  }
  if (process.env.BENCH_ONLY === "accounts") {
    console.log("Building the app…");
    buildApp(productionEnv(`http://localhost:${PORTS.app}`, sqlite.app));
    await migrate(sqlite.app);
    const running = launcher("app", sqlite.app)();
    const mailbox = createClient(sqlite.app);
    try {
      await waitForAnswer(`http://localhost:${PORTS.app}/api/auth/get-session`, running.child);
      console.log(await timesByAccount(client(`http://localhost:${PORTS.app}`, mailbox), `http://localhost:${PORTS.app}`));
    } finally {
      await running.stop();
      await mailbox.$disconnect();
    }
    return;
  }
  console.log("Building the app, the bare server and the Next.js floor app…");
  buildApp(productionEnv(`http://localhost:${PORTS.app}`, sqlite.app));
  await build({
    entryPoints: [path.join(process.cwd(), "scripts", "bare-auth-server.ts")],
    outfile: BARE_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "error",
  });
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CONNECTIONS} connections.`);
  console.log(await signInEmailRenderTime());

  const startFloor = buildNextFloor();
  try {
    await benchDatabase("SQLite", sqlite, startFloor);
    const postgres = await postgresDatabases();
    if (typeof postgres === "string") {
      console.log(`\n${postgres}`);
      return;
    }
    try {
      await benchDatabase("PostgreSQL", postgres, startFloor);
    } finally {
      await dropPostgresDatabases(postgres);
    }
  } finally {
    rmSync(FLOOR_DIR, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
