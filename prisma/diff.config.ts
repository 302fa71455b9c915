// Configuration for `scripts/prisma-schema.ts`, which runs Prisma 6's WebAssembly schema engine to write
// migration SQL. Prisma 7's CLI downloads a native engine for that; Prisma 6 with a driver adapter needs none.
// The PostgreSQL diff connects to a server (TEST_POSTGRES_URL) but changes nothing in it.
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";

const config = {
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    process.env.DIFF_PROVIDER === "postgresql"
      ? new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL })
      : new PrismaLibSql({ url: ":memory:" }),
};

export default config;
