import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // Server modules guard themselves with `import "server-only"`; tests run on the server side.
      "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    // Migration tests start Prisma's schema engine through npx; the first run fetches it from npm.
    testTimeout: 120_000,
    // Every test file runs in a process of its own (Vitest's default pool, "forks"): the auth tests set the
    // environment and start an auth server per file (tests/support/auth-server.ts).
    pool: "forks",
    // The migration tests mostly wait on Prisma's schema engine: at least two files at a time, even where Vitest
    // would run one (a two-core machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
