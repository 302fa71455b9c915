import { z } from "zod";
import { EMAIL_SIGN_IN_MODES } from "../common/codes";
import { normalizeEmail } from "../common/email-address";

/**
 * Every environment variable the app reads, validated once. A missing or malformed value fails at start
 * with the variable's name and what to set it to. See .env.example and the README for each one.
 */

/** Outside production the app needs no database server: a SQLite file, created and migrated by `npm run dev`. */
export const DEV_DATABASE_URL = "file:./.data/dev.db";

/** The longest a magic link may live: a link is a bearer credential sitting in an inbox. */
const MAX_MAGIC_LINK_LIFETIME_SECONDS = 600;
const DEFAULT_MAGIC_LINK_LIFETIME_SECONDS = 300;

/**
 * How long a session is trusted from its signed cookie without asking the database: also how long a session
 * ended elsewhere (sign-out on another device, a password reset) can still work on a device holding it.
 */
const DEFAULT_SESSION_CACHE_SECONDS = 30;
const MAX_SESSION_CACHE_SECONDS = 300;

/** Where better-auth's keys live in Redis (REDIS_KEY_PREFIX): apps sharing one Redis set one each. */
const DEFAULT_REDIS_KEY_PREFIX = "better-auth:";

/**
 * PostgreSQL connections one instance keeps open (DATABASE_POOL_MAX). On Vercel every function instance has its
 * own pool and there can be hundreds of instances, each serving a few requests at once: a few connections each,
 * through the provider's pooler, keep the database's own limit out of reach. Elsewhere, pg's own default.
 */
const DEFAULT_POOL_MAX_ON_VERCEL = 5;
const DEFAULT_POOL_MAX = 10;

/**
 * The variables that name the database, as Vercel's Postgres integrations set them, read as they are, never
 * renamed. The app's queries go through the pooled one, migrations through the direct one (a session-level
 * advisory lock does not hold through a pooler in transaction mode). Each list is read in order:
 * - Neon: DATABASE_URL (pooled) and DATABASE_URL_UNPOOLED (direct);
 * - Prisma Postgres: DATABASE_URL_POOLED (pooled) and DATABASE_URL (direct);
 * - Supabase: POSTGRES_URL (pooled) and POSTGRES_URL_NON_POOLING (direct);
 * - anything else: DATABASE_URL alone, used for both.
 */
export const POOLED_DATABASE_URL_NAMES = ["DATABASE_URL_POOLED", "DATABASE_URL", "POSTGRES_URL"] as const;
export const DIRECT_DATABASE_URL_NAMES = ["DATABASE_URL_UNPOOLED", "POSTGRES_URL_NON_POOLING", "DATABASE_URL", "POSTGRES_URL"] as const;

/** process.env, or the environment being validated. */
type DatabaseUrlSource = Readonly<Record<string, unknown>>;

const firstSet = (source: DatabaseUrlSource, names: readonly string[]) =>
  names.map((name) => source[name]).find((value): value is string => typeof value === "string" && value !== "");

/**
 * The database URLs in `source` (process.env): the one the app queries through and the one migrations use.
 * Outside production with none set, the development SQLite file. Validated by parseEnv; read on its own by the
 * migration command, which needs no secret.
 */
export function databaseUrls(source: DatabaseUrlSource) {
  const app = firstSet(source, POOLED_DATABASE_URL_NAMES);
  return { app, direct: firstSet(source, DIRECT_DATABASE_URL_NAMES) ?? app };
}

/** A host name as Vercel gives it (VERCEL_URL and the like): no scheme, no path. */
const vercelHost = z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, { error: "must be a host name such as my-app.vercel.app" });

const flag = z
  .enum(["true", "false", "1", "0", ""], { error: 'must be "true" or "false"' })
  .optional()
  .transform((value) => value === "true" || value === "1");

/**
 * A feature that is on unless set to "false" (AUTH_PASSWORD, AUTH_PASSKEYS, AUTH_TWO_FACTOR): read when the server
 * starts, so one build serves either way.
 */
const featureSwitch = z
  .enum(["true", "false", "1", "0"], { error: 'must be "true" (the default) or "false"' })
  .default("true")
  .transform((value) => value === "true" || value === "1");

const databaseUrl = z
  .string()
  .regex(/^(file:|libsql:|postgres(ql)?:\/\/)/, {
    error: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
  });

/** The settings of each social provider, all or none (OIDC_PROVIDER_NAME, a label, is optional). */
const SOCIAL_SETTINGS = [
  ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"],
  ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: databaseUrl.optional(),
    DATABASE_URL_POOLED: databaseUrl.optional(),
    DATABASE_URL_UNPOOLED: databaseUrl.optional(),
    POSTGRES_URL: databaseUrl.optional(),
    POSTGRES_URL_NON_POOLING: databaseUrl.optional(),
    DATABASE_POOL_MAX: z.coerce
      .number({ error: "must be a number of connections" })
      .int({ error: "must be a whole number of connections" })
      .min(1, { error: "must be at least 1" })
      .max(100, { error: "must be at most 100: each instance opens this many connections" })
      .optional(),
    BETTER_AUTH_SECRET: z
      .string({ error: "is required: generate one with `openssl rand -base64 32`" })
      .min(32, { error: "must be at least 32 characters: generate one with `openssl rand -base64 32`" }),
    BETTER_AUTH_URL: z.url({ error: "must be the app's public URL, e.g. https://app.example.com" }).optional(),
    MAIL_TRANSPORT: z.enum(["resend", "mailbox"], { error: 'must be "resend" or "mailbox"' }).optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    EMAIL_FROM: z.string().min(3, { error: 'must be a sender such as "Acme <login@acme.com>"' }).optional(),
    MAGIC_LINK_EXPIRES_IN: z.coerce
      .number({ error: "must be a number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(30, { error: "must be at least 30 seconds" })
      .max(MAX_MAGIC_LINK_LIFETIME_SECONDS, {
        error: `must be at most ${MAX_MAGIC_LINK_LIFETIME_SECONDS} seconds (10 minutes)`,
      })
      .default(DEFAULT_MAGIC_LINK_LIFETIME_SECONDS),
    AUTH_DISABLE_SIGN_UP: flag,
    // The optional ways in, each gone everywhere when "false" (lib/auth/settings.ts, authFeatures).
    AUTH_PASSWORD: featureSwitch,
    AUTH_PASSKEYS: featureSwitch,
    AUTH_TWO_FACTOR: featureSwitch,
    EMAIL_SIGN_IN: z
      .enum(EMAIL_SIGN_IN_MODES, {
        error: `must be one of ${EMAIL_SIGN_IN_MODES.map((mode) => `"${mode}"`).join(", ")}`,
      })
      .default("link-and-code"),
    MAGIC_LINK_RATE_LIMIT: z.coerce
      .number({ error: "must be a number of requests" })
      .int({ error: "must be a whole number of requests" })
      .min(1, { error: "must be at least 1" })
      .default(30),
    MAGIC_LINK_ADDRESS_LIMIT: z.coerce
      .number({ error: "must be a number of links" })
      .int({ error: "must be a whole number of links" })
      .min(1, { error: "must be at least 1" })
      .optional(),
    SESSION_CACHE_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(0, { error: "must be 0 (off) or more" })
      .max(MAX_SESSION_CACHE_SECONDS, {
        error: `must be at most ${MAX_SESSION_CACHE_SECONDS} seconds: an ended session keeps working that long`,
      })
      .default(DEFAULT_SESSION_CACHE_SECONDS),
    AUDIT_LOG_RETENTION_DAYS: z.coerce
      .number({ error: "must be a number of days" })
      .int({ error: "must be a whole number of days" })
      .min(1, { error: "must be at least 1 day" })
      .max(3650, { error: "must be at most 3650 days (10 years)" })
      .default(90),
    ORG_INVITATION_EXPIRES_IN: z.coerce
      .number({ error: "must be a number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(3600, { error: "must be at least 3600 seconds (1 hour)" })
      .max(30 * 24 * 60 * 60, { error: "must be at most 2592000 seconds (30 days)" })
      .default(7 * 24 * 60 * 60),
    TRUSTED_ORIGINS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const origins = (value ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
        for (const origin of origins) {
          if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
            ctx.addIssue({ code: "custom", message: `has "${origin}", which is not an origin like https://app.example.com` });
          }
        }
        return origins;
      }),
    // The admin console's people (lib/admin/): these addresses get the admin role at their next sign-in.
    ADMIN_EMAILS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const addresses = (value ?? "").split(",").map((address) => address.trim()).filter(Boolean);
        for (const address of addresses) {
          if (!normalizeEmail(address)) ctx.addIssue({ code: "custom", message: `has "${address}", which is not an email address` });
        }
        return [...new Set(addresses.map((address) => normalizeEmail(address) ?? address))];
      }),
    TRUSTED_IP_HEADER: z
      .string()
      .regex(/^[a-z0-9-]+$/i, { error: "must be a header name, e.g. x-real-ip" })
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/[^\s/]+/, {
        error: 'must be a Redis URL: "redis://host:6379", or "rediss://…" for TLS (Upstash gives one)',
      })
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or "_:.-", e.g. "myapp:"' })
      .default(DEFAULT_REDIS_KEY_PREFIX),
    // Social sign-in (lib/social/): each provider is on when its id and secret are both set.
    GITHUB_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ISSUER: z
      .url({ error: "must be the provider's issuer URL, e.g. https://login.example.com/realms/acme" })
      .optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_PROVIDER_NAME: z.string().min(1).max(40, { error: "must be at most 40 characters: it labels a button" }).optional(),
    // Set by Vercel on its build machines and in its functions: where the app runs and under which addresses.
    VERCEL: z.string().optional(),
    VERCEL_ENV: z.enum(["production", "preview", "development"]).optional(),
    VERCEL_URL: vercelHost.optional(),
    VERCEL_BRANCH_URL: vercelHost.optional(),
    VERCEL_PROJECT_PRODUCTION_URL: vercelHost.optional(),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === "production";
    if (production && !databaseUrls(env).app) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "is required in production: set it to your PostgreSQL URL (postgresql://…), or connect a Postgres " +
          "integration on Vercel, which sets it",
      });
    }
    if (production && !appAddress(env).url) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_URL"],
        message: "is required in production: set it to the app's public URL, e.g. https://app.example.com",
      });
    }
    // Half a provider's settings is a mistake to name, not a provider to leave off without a word.
    for (const group of SOCIAL_SETTINGS) {
      const set = group.filter((name) => env[name]);
      if (set.length === 0 || set.length === group.length) continue;
      for (const name of group) {
        if (!env[name]) {
          ctx.addIssue({ code: "custom", path: [name], message: `is required when ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} set` });
        }
      }
    }
    // An admin must hold a second factor (lib/admin/): with both switched off, nobody could use the admin console.
    if (env.ADMIN_EMAILS?.length && env.AUTH_TWO_FACTOR === false && env.AUTH_PASSKEYS === false) {
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_EMAILS"],
        message: "needs AUTH_TWO_FACTOR or AUTH_PASSKEYS on: an admin must hold an authenticator app or a passkey",
      });
    }
    // The dev mailbox shows every sign-in link to whoever opens /dev/mailbox: in production, only on this machine.
    if (production && env.MAIL_TRANSPORT === "mailbox" && !isLoopback(appAddress(env).url)) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_TRANSPORT"],
        message:
          'is "mailbox", which shows every sign-in link at /dev/mailbox to whoever opens it: in production it is ' +
          "allowed only when BETTER_AUTH_URL is a loopback address (a local production build, e.g. " +
          "http://localhost:3000). Set RESEND_API_KEY and EMAIL_FROM to send email instead",
      });
    }
    const wantsResend = env.MAIL_TRANSPORT === "resend" || (!env.MAIL_TRANSPORT && env.RESEND_API_KEY);
    if (wantsResend) {
      for (const name of ["RESEND_API_KEY", "EMAIL_FROM"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required to send email with Resend" });
      }
    } else if (production && env.MAIL_TRANSPORT !== "mailbox") {
      ctx.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY"],
        message:
          "and EMAIL_FROM are required in production so sign-in emails can be sent " +
          "(or set MAIL_TRANSPORT=mailbox to keep them in the dev mailbox while testing locally)",
      });
    }
  }, {
    // Zod skips a refinement once a variable above has failed: then a missing secret would hide a missing
    // DATABASE_URL until the next start. Running it anyway names every problem in one message. (A variable that
    // failed above reaches it as it was written; it only reads them as text.)
    when: () => true,
  })
  .transform((env) => ({
    ...env,
    DATABASE_URL: databaseUrls(env).app ?? DEV_DATABASE_URL,
    /** Where migrations connect: the provider's direct URL, past its pooler. */
    DATABASE_DIRECT_URL: databaseUrls(env).direct ?? DEV_DATABASE_URL,
    DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? (env.VERCEL ? DEFAULT_POOL_MAX_ON_VERCEL : DEFAULT_POOL_MAX),
    BETTER_AUTH_URL: appAddress(env).url,
    TRUSTED_ORIGINS: [...appAddress(env).otherOrigins, ...env.TRUSTED_ORIGINS],
    MAIL_TRANSPORT: env.MAIL_TRANSPORT ?? (env.RESEND_API_KEY ? "resend" : "mailbox"),
    // Production keeps 3 emails per address per 10 minutes; trying sign-in over and over on your own machine
    // should not lock you out of your own app for ten minutes.
    MAGIC_LINK_ADDRESS_LIMIT: env.MAGIC_LINK_ADDRESS_LIMIT ?? (env.NODE_ENV === "production" ? 3 : 20),
    // Vercel's edge sets x-real-ip to the connecting client and overwrites what the client sent. `next dev` sets
    // x-forwarded-for to the connection's address when a request has none: trustworthy enough on a developer's
    // machine, so each browser there has its own limits rather than one for the whole site.
    TRUSTED_IP_HEADER:
      env.TRUSTED_IP_HEADER?.toLowerCase() ??
      (env.VERCEL ? "x-real-ip" : env.NODE_ENV === "development" ? "x-forwarded-for" : undefined),
  }));

export type Env = z.infer<typeof schema>;

/** Whether an address can only be reached from this machine: localhost (and *.localhost), 127.0.0.0/8, ::1. */
function isLoopback(url: string | undefined) {
  if (!url || !URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "[::1]";
}

type VercelAddresses = {
  BETTER_AUTH_URL?: string;
  VERCEL_ENV?: string;
  VERCEL_URL?: string;
  VERCEL_BRANCH_URL?: string;
  VERCEL_PROJECT_PRODUCTION_URL?: string;
};

/**
 * The app's public address, and any other address it answers on that its pages may send from.
 * - A Vercel preview deployment answers on its branch's address (VERCEL_BRANCH_URL, the same for every push to
 *   the branch) and on its own (VERCEL_URL): the first is its address, both are trusted, and nothing else
 *   (never all of *.vercel.app: another project's preview is someone else's site). BETTER_AUTH_URL, usually
 *   production's, is not used there: links sent from a preview lead to the preview.
 * - Everywhere else, BETTER_AUTH_URL; on Vercel's production deployments without it, the project's production
 *   domain (VERCEL_PROJECT_PRODUCTION_URL: its shortest custom domain, else its vercel.app one).
 */
function appAddress(env: VercelAddresses): { url?: string; otherOrigins: string[] } {
  if (env.VERCEL_ENV === "preview") {
    const origins = [...new Set([env.VERCEL_BRANCH_URL, env.VERCEL_URL].filter(Boolean).map((host) => `https://${host}`))];
    if (origins.length) return { url: origins[0], otherOrigins: origins.slice(1) };
  }
  const production = env.VERCEL_ENV === "production" && env.VERCEL_PROJECT_PRODUCTION_URL;
  return { url: env.BETTER_AUTH_URL ?? (production ? `https://${production}` : undefined), otherOrigins: [] };
}

class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value in a .env file means "not set", as it does for most tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"} ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example and the README.`);
}

let current: Env | undefined;

/** The validated environment of this process, parsed on first use. */
export function getEnv(): Env {
  current ??= parseEnv(process.env);
  return current;
}
