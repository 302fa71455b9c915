import path from "node:path";
import { testPostgresUrl as defaultPostgresUrl } from "../scripts/prisma-schema";

/**
 * The servers the browser and HTTP tests run against (started by e2e/serve.ts), all the same production
 * build (NODE_ENV=production) with different environments:
 *   main            SQLite, emails in the dev mailbox, sign-up open; emails carry a link and a code; social sign-in
 *                   with GitHub, Google (fake credentials: their buttons lead toward github.com and
 *                   accounts.google.com) and a real OpenID Connect provider (e2e/oidc-provider.ts);
 *   signUpDisabled  AUTH_DISABLE_SIGN_UP=true and EMAIL_SIGN_IN=code (emails carry a code only), its own SQLite file;
 *   deployed        as on Vercel: PostgreSQL, Resend (a local stand-in), an https public URL; link and code;
 *   linkOnly        EMAIL_SIGN_IN=link (emails carry a link only), its own SQLite file;
 *   featuresOff     AUTH_PASSWORD, AUTH_PASSKEYS and AUTH_TWO_FACTOR all false (email sign-in only), its own SQLite file.
 * And, as a deployment with several instances runs, two pairs of servers (INSTANCE_SETUPS), each pair on one
 * PostgreSQL database behind a round-robin proxy (e2e/load-balancer.ts): one pair on PostgreSQL alone, one
 * with Redis beside it.
 */
/** E2E_PORT_BASE moves every port (and the PostgreSQL database's name), so two checkouts can test at once. */
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
export const TEST_PORTS = {
  main: PORT_BASE,
  signUpDisabled: PORT_BASE + 1,
  deployed: PORT_BASE + 2,
  linkOnly: PORT_BASE + 3,
  featuresOff: PORT_BASE + 4,
} as const;
export const OUTSIDE_PORTS = { resend: PORT_BASE + 90, database: PORT_BASE + 91, oidc: PORT_BASE + 95 } as const;

/**
 * TCP proxies in front of PostgreSQL and Redis that tests cut, hang and restore (e2e/outside-world.ts): POST
 * /__<name>/down, /__<name>/hang and /__<name>/up on the Resend stand-in. "database" is the deployed server's
 * PostgreSQL.
 */
export const CUTTABLE_LINKS = {
  database: { port: OUTSIDE_PORTS.database, to: "postgres" },
  "instances-database": { port: PORT_BASE + 92, to: "postgres" },
  "instances-redis-database": { port: PORT_BASE + 93, to: "postgres" },
  "instances-redis": { port: PORT_BASE + 94, to: "redis" },
} as const;
export type CuttableLink = keyof typeof CUTTABLE_LINKS;

/**
 * Two production servers on one PostgreSQL database behind a round-robin proxy, twice: on PostgreSQL alone, and
 * with Redis (better-auth's secondary storage) beside it. Each pair has its own database and its own cuttable
 * links, so cutting one pair's dependency leaves every other server alone.
 */
export const INSTANCE_SETUPS = {
  postgres: {
    proxy: PORT_BASE + 20,
    servers: [PORT_BASE + 10, PORT_BASE + 11],
    database: `e2e_instances_${PORT_BASE}`,
    databaseLink: "instances-database",
    redisLink: null,
  },
  redis: {
    proxy: PORT_BASE + 21,
    servers: [PORT_BASE + 12, PORT_BASE + 13],
    database: `e2e_instances_redis_${PORT_BASE}`,
    databaseLink: "instances-redis-database",
    redisLink: "instances-redis",
  },
} as const satisfies Record<string, {
  proxy: number;
  servers: readonly number[];
  database: string;
  databaseLink: CuttableLink;
  redisLink: CuttableLink | null;
}>;
export type InstanceSetup = keyof typeof INSTANCE_SETUPS;
/** Keys of this checkout's tests in the shared local Redis: parallel checkouts (E2E_PORT_BASE) never collide. */
export const INSTANCES_REDIS_KEY_PREFIX = `e2e-${PORT_BASE}:`;
/** The instances' cookie cache window (SESSION_CACHE_SECONDS), short so the tests can wait it out. */
export const INSTANCES_SESSION_CACHE_SECONDS = 6;
/** Where a pair's clients reach it: the round-robin proxy, which is also the servers' BETTER_AUTH_URL. */
export const instancesOrigin = (setup: InstanceSetup) => `http://127.0.0.1:${INSTANCE_SETUPS[setup].proxy}`;
/** The local Redis the tests use (TEST_REDIS_URL). */
export const testRedisUrl = () => new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");

/**
 * One SQLite file per server: SQLite serialises writers within a process, but two processes writing one file
 * make each other's transactions fail (SQLITE_BUSY). The sign-up-closed server starts with one member.
 */
export const TEST_DATABASE_FILES = {
  main: path.join(process.cwd(), ".data", "e2e.db"),
  signUpDisabled: path.join(process.cwd(), ".data", "e2e-closed.db"),
  linkOnly: path.join(process.cwd(), ".data", "e2e-link-only.db"),
  featuresOff: path.join(process.cwd(), ".data", "e2e-features-off.db"),
} as const;
export const CLOSED_SERVER_MEMBER = "member@example.com";
export const SERVER_LOG_FILE = path.join(process.cwd(), ".data", "e2e-servers.log");
export const DEPLOYED_DATABASE = `e2e_deployed_${PORT_BASE}`;
/** The deployed server's public address; tests reach it on its port, with this as Origin. */
export const DEPLOYED_ORIGIN = "https://app.example.test";
export const TRUSTED_ORIGIN = "https://trusted.example.test";
export const OUTSIDE_WORLD = `http://127.0.0.1:${OUTSIDE_PORTS.resend}`;

export const baseURL = (port: number = TEST_PORTS.main) => `http://localhost:${port}`;

/**
 * The main server's social providers. GitHub's and Google's endpoints are fixed in better-auth, so their
 * credentials are fake and tests stop at the authorization URL; the OpenID Connect provider is real, on its port.
 */
export const SOCIAL = {
  github: { clientId: "Iv1.e2e0github", clientSecret: "e2e-github-secret" },
  google: { clientId: "e2e-client.apps.googleusercontent.com", clientSecret: "e2e-google-secret" },
  oidc: {
    issuer: `http://127.0.0.1:${OUTSIDE_PORTS.oidc}`,
    clientId: "e2e-app",
    clientSecret: "e2e-oidc-secret",
    name: "Acme SSO",
  },
} as const;

/** The PostgreSQL server the tests use (TEST_POSTGRES_URL), optionally another database on it. */
export function testPostgresUrl(database?: string) {
  const url = new URL(defaultPostgresUrl());
  if (database) url.pathname = `/${database}`;
  return url;
}

/**
 * The addresses every server lists in ADMIN_EMAILS: one per test, so no test's admin actions touch another's. The
 * last is 64 characters before the @, for the console's layout with long addresses.
 */
export const E2E_ADMINS = [
  ...Array.from({ length: 15 }, (_, index) => `admin-${index + 1}@example.com`),
  `admin-${"x".repeat(58)}@example.com`,
] as const;

const common = {
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  BETTER_AUTH_SECRET: "kT3vQ9xLw2ZpR7mN4bYc8HdF6jGs1AeU0oIqVtXr5",
  // As behind a proxy that sets the client address (e2e/fixtures.ts gives each test its own).
  TRUSTED_IP_HEADER: "x-real-ip",
  TRUSTED_ORIGINS: TRUSTED_ORIGIN,
  ADMIN_EMAILS: E2E_ADMINS.join(","),
};

/** One server of an instance pair: production, its pair's database and Redis through their cuttable links. */
export function instanceEnv(setup: InstanceSetup): NodeJS.ProcessEnv {
  const { database, databaseLink, redisLink } = INSTANCE_SETUPS[setup];
  const databaseUrl = testPostgresUrl(database);
  databaseUrl.host = `127.0.0.1:${CUTTABLE_LINKS[databaseLink].port}`;
  return {
    ...process.env,
    ...common,
    DATABASE_URL: databaseUrl.toString(),
    BETTER_AUTH_URL: instancesOrigin(setup),
    MAIL_TRANSPORT: "mailbox",
    SESSION_CACHE_SECONDS: String(INSTANCES_SESSION_CACHE_SECONDS),
    ...(redisLink
      ? { REDIS_URL: `redis://127.0.0.1:${CUTTABLE_LINKS[redisLink].port}`, REDIS_KEY_PREFIX: INSTANCES_REDIS_KEY_PREFIX }
      : {}),
  };
}

export function serverEnv(server: keyof typeof TEST_PORTS): NodeJS.ProcessEnv {
  const port = TEST_PORTS[server];
  if (server === "deployed") {
    const database = testPostgresUrl(DEPLOYED_DATABASE);
    database.host = `127.0.0.1:${OUTSIDE_PORTS.database}`;
    return {
      ...process.env,
      ...common,
      DATABASE_URL: database.toString(),
      BETTER_AUTH_URL: DEPLOYED_ORIGIN,
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: OUTSIDE_WORLD,
      EMAIL_FROM: "Acme <login@acme.test>",
    };
  }
  return {
    ...process.env,
    ...common,
    DATABASE_URL: `file:${TEST_DATABASE_FILES[server]}`,
    BETTER_AUTH_URL: baseURL(port),
    MAIL_TRANSPORT: "mailbox",
    ...(server === "main"
      ? {
          GITHUB_CLIENT_ID: SOCIAL.github.clientId,
          GITHUB_CLIENT_SECRET: SOCIAL.github.clientSecret,
          GOOGLE_CLIENT_ID: SOCIAL.google.clientId,
          GOOGLE_CLIENT_SECRET: SOCIAL.google.clientSecret,
          OIDC_ISSUER: SOCIAL.oidc.issuer,
          OIDC_CLIENT_ID: SOCIAL.oidc.clientId,
          OIDC_CLIENT_SECRET: SOCIAL.oidc.clientSecret,
          OIDC_PROVIDER_NAME: SOCIAL.oidc.name,
        }
      : {}),
    ...(server === "signUpDisabled" ? { AUTH_DISABLE_SIGN_UP: "true", EMAIL_SIGN_IN: "code" } : {}),
    ...(server === "linkOnly" ? { EMAIL_SIGN_IN: "link" } : {}),
    ...(server === "featuresOff" ? { AUTH_PASSWORD: "false", AUTH_PASSKEYS: "false", AUTH_TWO_FACTOR: "false", ADMIN_EMAILS: "" } : {}),
  };
}
