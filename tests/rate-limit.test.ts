import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { migrate } from "@/lib/platform/db/migrate";

/**
 * The fixed-window counters of lib/rate-limit.ts against a real SQLite file: per-address limits and, without
 * Redis, better-auth's per-IP limits. The clock is moved with fake timers (Date only; the database is real).
 */

const dir = mkdtempSync(path.join(tmpdir(), "rate-limit-"));
const databaseUrl = `file:${path.join(dir, "test.db")}`;
let limits: typeof import("@/lib/platform/rate-limit");
let db: typeof import("@/lib/platform/db").db;

beforeAll(async () => {
  await migrate(databaseUrl);
  Object.assign(process.env, { DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: "rate-limit-test-Qw8sLr2Vn5Xc7Zt1Yp4Hm6" });
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-06-01T12:00:00Z") });
  limits = await import("@/lib/platform/rate-limit");
  db = (await import("@/lib/platform/db")).db;
});

afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const minutes = (n: number) => vi.advanceTimersByTime(n * 60_000);

describe("consumeQuota", () => {
  test("counts to max in a window, refuses with the seconds left, and starts again once the window ends", async () => {
    const limit = { max: 2, windowSeconds: 600 };
    expect(await limits.consumeQuota("sign-in-emails:a@example.com", limit)).toBeNull();
    expect(await limits.consumeQuota("sign-in-emails:a@example.com", limit)).toBeNull();
    minutes(4);
    expect(await limits.consumeQuota("sign-in-emails:a@example.com", limit)).toBe(360);
    minutes(6);
    expect(await limits.consumeQuota("sign-in-emails:a@example.com", limit)).toBeNull();
  });

  test("a long window survives the pruning that a shorter limit's request sets off", async () => {
    const daily = { max: 1, windowSeconds: 24 * 60 * 60 };
    expect(await limits.consumeQuota("code-checks:b@example.com", daily)).toBeNull();
    expect(await limits.consumeQuota("code-checks:b@example.com", daily)).not.toBeNull();
    // Eleven minutes on, a 10-minute limit's request prunes (at most once a minute): the daily window is still on.
    minutes(11);
    expect(await limits.consumeQuota("sign-in-emails:c@example.com", { max: 5, windowSeconds: 600 })).toBeNull();
    minutes(2);
    expect(await limits.consumeQuota("sign-in-emails:c@example.com", { max: 5, windowSeconds: 600 })).toBeNull();
    expect(await limits.consumeQuota("code-checks:b@example.com", daily)).toBeGreaterThan(23 * 60 * 60);
    minutes(24 * 60);
    expect(await limits.consumeQuota("code-checks:b@example.com", daily)).toBeNull();
  });

  test("concurrent requests cannot all pass: 20 at once against a limit of 5 let exactly 5 through", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => limits.consumeQuota("sign-in-emails:d@example.com", { max: 5, windowSeconds: 600 })),
    );
    expect(results.filter((retryAfter) => retryAfter === null)).toHaveLength(5);
  });

  test("keys are stored hashed: no address in the table", async () => {
    const keys = (await db.addressRateLimit.findMany({ select: { key: true } })).map((row) => row.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(" ")).not.toMatch(/@|example/);
  });

  test("a window longer than a day is refused: pruning would cut it short", async () => {
    await expect(limits.consumeQuota("x", { max: 1, windowSeconds: 2 * 24 * 60 * 60 })).rejects.toThrow(/at most 86400 s/);
  });
});

describe("better-auth's per-IP limits without Redis (clientRateLimitStorage)", () => {
  test("better-auth's rule decides: allowed up to max in the window, then refused with retryAfter", async () => {
    const rule = { window: 10, max: 3 };
    const consume = () => limits.clientRateLimitStorage.consume("203.0.113.9|/sign-in/email", rule);
    for (let i = 0; i < 3; i++) expect(await consume()).toEqual({ allowed: true, retryAfter: null });
    expect(await consume()).toEqual({ allowed: false, retryAfter: 10 });
    vi.advanceTimersByTime(10_000);
    expect(await consume()).toEqual({ allowed: true, retryAfter: null });
  });

  test("one client's count is its own, per endpoint", async () => {
    const rule = { window: 60, max: 1 };
    expect((await limits.clientRateLimitStorage.consume("203.0.113.10|/sign-in/magic-link", rule)).allowed).toBe(true);
    expect((await limits.clientRateLimitStorage.consume("203.0.113.10|/sign-in/magic-link", rule)).allowed).toBe(false);
    expect((await limits.clientRateLimitStorage.consume("203.0.113.11|/sign-in/magic-link", rule)).allowed).toBe(true);
    expect((await limits.clientRateLimitStorage.consume("203.0.113.10|/magic-link/verify", rule)).allowed).toBe(true);
  });
});
