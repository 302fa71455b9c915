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
  },
});
