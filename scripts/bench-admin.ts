/**
 * npm run bench:admin: how long the admin console's reads take on a sizeable database. Seeds 10,000 users (names,
 * accounts, some passkeys, some suspended, sessions) and 100,000 activity events over 90 days into a fresh SQLite
 * file (.data/bench-admin.db) and, when TEST_POSTGRES_URL answers, a PostgreSQL database of its own (dropped after);
 * then times the real query functions: usersPage and userDetail (lib/admin/console.ts), the activity filters and
 * the CSV export of 10,000 rows (lib/admin/activity-search.ts). Prints medians, never asserts.
 *
 * The query functions use the app's database client (lib/platform/db), made from DATABASE_URL when first imported:
 * so each database is measured in a child process of this script started with its DATABASE_URL (BENCH_ADMIN_CHILD),
 * under `tsx --conditions=react-server`, which lets it import modules that start with `import "server-only"`.
 * Last, the filters by type are timed again with the (type, id) index dropped, to show what it buys.
 * BENCH_RUNS (default 7) is the runs per query, after one unmeasured.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createClient, createPostgresPool } from "../lib/platform/db/client";
import { migrate } from "../lib/platform/db/migrate";
import { providerOf } from "../lib/platform/db/provider";
import { testPostgresUrl } from "./prisma-schema";

const USERS = 10_000;
const EVENTS = 100_000;
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 2_000;

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Linus"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Torvalds"];
/** Event types in rough proportion to how often a live app records them. */
const EVENT_MIX = [
  ...Array(30).fill("magic_link.sent"),
  ...Array(30).fill("session.created"),
  ...Array(10).fill("sign_out"),
  ...Array(8).fill("sign_in.failed"),
  ...Array(4).fill("user.created"),
  ...Array(3).fill("passkey.added"),
  ...Array(3).fill("two_factor.failed"),
  ...Array(2).fill("email.changed"),
  ...Array(2).fill("password.changed"),
  "admin.user_suspended",
  "admin.sessions_revoked",
] as string[];

/** A deterministic generator (mulberry32), so every run seeds the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const userEmail = (index: number) => `user-${String(index).padStart(5, "0")}@bench.example`;

async function seed(url: string) {
  // A pool of our own, ended after: the client leaves a pool it was given open, and idle connections of a database
  // dropped later would fail this process.
  const pool = providerOf(url) === "postgresql" ? createPostgresPool(url, 4) : undefined;
  const db = createClient(url, pool);
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const now = Date.now();
  const start = now - DAYS * DAY_MS;
  const ids = Array.from({ length: USERS }, () => randomUUID());
  try {
    for (let from = 0; from < USERS; from += BATCH) {
      const slice = ids.slice(from, from + BATCH).map((id, offset) => ({ id, index: from + offset }));
      await db.user.createMany({
        data: slice.map(({ id, index }) => ({
          id,
          email: userEmail(index),
          name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)} ${index}`,
          emailVerified: true,
          createdAt: new Date(start + (index / USERS) * DAYS * DAY_MS),
          lastSignInAt: new Date(start + next() * DAYS * DAY_MS),
          role: index < 3 ? "admin" : "user",
          banned: index % 20 === 7,
          banReason: index % 20 === 7 ? "Spam" : null,
          twoFactorEnabled: index % 10 === 3,
        })),
      });
      await db.account.createMany({
        data: slice.flatMap(({ id, index }) => [
          ...(index % 3 === 0 ? [{ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: "x".repeat(60) }] : []),
          ...(index % 5 === 0 ? [{ id: randomUUID(), accountId: String(100000 + index), providerId: "github", userId: id }] : []),
        ]),
      });
      await db.passkey.createMany({
        data: slice
          .filter(({ index }) => index % 8 === 0)
          .map(({ id }) => ({ id: randomUUID(), userId: id, name: "Laptop", publicKey: "pk", credentialID: randomUUID(), counter: 0, deviceType: "multiDevice", backedUp: true })),
      });
      await db.session.createMany({
        data: slice.map(({ id }) => ({
          id: randomUUID(),
          token: randomUUID(),
          userId: id,
          expiresAt: new Date(now + 7 * DAY_MS),
          updatedAt: new Date(now - next() * DAY_MS),
          ipAddress: "203.0.113.7",
          userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
          signInMethod: "link",
        })),
      });
    }
    // Events in time order, so ids grow with createdAt as they do in a live app.
    for (let from = 0; from < EVENTS; from += BATCH) {
      await db.activityEvent.createMany({
        data: Array.from({ length: Math.min(BATCH, EVENTS - from) }, (_, offset) => {
          // One event in 10,000 is as rare as an admin deleting an account: what a filter by type is mostly for.
          const type = (from + offset) % 10_000 === 5_000 ? "admin.user_deleted" : pick(EVENT_MIX);
          return {
            type,
            userId: pick(ids),
            createdAt: new Date(start + ((from + offset) / EVENTS) * DAYS * DAY_MS),
            ipAddress: "203.0.113.7",
            userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
            details: JSON.stringify(type.startsWith("admin.") ? { admin: ids[0] } : { method: "link" }),
          };
        }),
      });
    }
    // PostgreSQL plans from statistics: a freshly filled table has none until autovacuum gets to it.
    if (pool) await db.$executeRawUnsafe("ANALYZE");
    return { someone: ids[USERS / 2], someoneEmail: userEmail(USERS / 2) };
  } finally {
    await db.$disconnect();
    await pool?.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** In the child: the real query functions against DATABASE_URL, each timed RUNS times after one warm-up. */
async function measure() {
  const { usersPage, userDetail, adminActivityPage, activityCsv, activityFilters } = await import("../lib/admin");
  const options = { adminEmails: new Set<string>(), secondFactors: { twoFactor: true, passkeys: true } };
  const someone = process.env.BENCH_SOMEONE!;
  const filters = (query: Record<string, string>) => {
    const parsed = activityFilters(query);
    if (parsed.error !== undefined) throw new Error(parsed.error);
    return parsed.filters;
  };
  const today = new Date();
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  let deepCursor: number | undefined;
  const cases: [string, () => Promise<unknown>][] = [
    ["usersPage: first page", () => usersPage({ search: "", page: 1 }, options)],
    ["usersPage: page 200", () => usersPage({ search: "", page: 200 }, options)],
    ["usersPage: search by address fragment (\"user-0421\")", () => usersPage({ search: "user-0421", page: 1 }, options)],
    ["usersPage: search by name (\"hopper\")", () => usersPage({ search: "hopper", page: 1 }, options)],
    ["userDetail", () => userDetail(someone, options)],
    ["activity: no filter, newest page", () => adminActivityPage(filters({}))],
    ["activity: by type (admin.user_deleted, 10 events)", () => adminActivityPage(filters({ type: "admin.user_deleted" }))],
    ["activity: by type (admin.user_suspended, ~1 %)", () => adminActivityPage(filters({ type: "admin.user_suspended" }))],
    ["activity: by type (session.created, ~30 %)", () => adminActivityPage(filters({ type: "session.created" }))],
    ["activity: by user", () => adminActivityPage(filters({ user: process.env.BENCH_SOMEONE_EMAIL! }))],
    ["activity: by days (recent week)", () => adminActivityPage(filters({ from: daysAgo(7), to: daysAgo(0) }))],
    ["activity: by days (a week 60 days ago)", () => adminActivityPage(filters({ from: daysAgo(67), to: daysAgo(60) }))],
    ["activity: by type and days (60 days ago)", () => adminActivityPage(filters({ type: "sign_out", from: daysAgo(67), to: daysAgo(60) }))],
    ["activity: deep page (before id 5,000)", () => adminActivityPage(filters({}), { before: (deepCursor ??= 5_000) })],
    ["CSV export: 10,000 rows, no filter", () => activityCsv(filters({}))],
    ["CSV export: by type (sign_out, ~10,000 rows)", () => activityCsv(filters({ type: "sign_out" }))],
  ];
  const lines: string[] = [];
  const time = async (name: string, run: () => Promise<unknown>) => {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const since = performance.now();
      await run();
      times.push(performance.now() - since);
    }
    lines.push(`| ${name} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
  };
  for (const [name, run] of cases) await time(name, run);
  // What the (type, id) index buys: the filters by type again without it (this database is thrown away after).
  const { db } = await import("../lib/platform/db");
  await db.$executeRawUnsafe('DROP INDEX "audit_event_type_id_idx"');
  for (const [name, run] of cases.filter(([name]) => name.includes("by type"))) await time(`${name}, without the (type, id) index`, run);
  console.log(`| query | median ms | min ms | max ms |\n| --- | ---: | ---: | ---: |\n${lines.join("\n")}`);
  process.exit(0);
}

/** Seeds one database and measures it in a child process that has it as DATABASE_URL. */
async function benchDatabase(label: string, url: string) {
  await migrate(url);
  const since = performance.now();
  const { someone, someoneEmail } = await seed(url);
  console.log(`\n### ${label}\n\nSeeded ${USERS.toLocaleString("en")} users and ${EVENTS.toLocaleString("en")} events in ${((performance.now() - since) / 1000).toFixed(1)} s. Median of ${RUNS} runs:\n`);
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]], {
    stdio: "inherit",
    env: {
      ...process.env,
      BENCH_ADMIN_CHILD: "1",
      BENCH_SOMEONE: someone,
      BENCH_SOMEONE_EMAIL: someoneEmail,
      DATABASE_URL: url,
      NODE_ENV: "development",
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "bench-admin-Qw8sLr2Vn5Xc7Zt1Yp4Hm6Jk9Gf3Ds0Ba",
    },
  });
  if (child.status !== 0) throw new Error(`measuring ${label} failed (exit ${child.status})`);
}

async function main() {
  const file = path.join(process.cwd(), ".data", "bench-admin.db");
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  await benchDatabase("SQLite", `file:${file}`);

  const admin = new pg.Client({ connectionString: testPostgresUrl(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`\nPostgreSQL skipped: cannot reach TEST_POSTGRES_URL (${(error as Error).message})`);
    return;
  }
  const name = `bench_admin_${process.pid}`;
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    await benchDatabase("PostgreSQL", url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

(process.env.BENCH_ADMIN_CHILD ? measure() : main()).catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
