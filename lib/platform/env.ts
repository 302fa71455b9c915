import { z } from "zod";
import { EMAIL_SIGN_IN_MODES } from "../common/codes";

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

const flag = z
  .enum(["true", "false", "1", "0", ""], { error: 'must be "true" or "false"' })
  .optional()
  .transform((value) => value === "true" || value === "1");

const databaseUrl = z
  .string()
  .regex(/^(file:|libsql:|postgres(ql)?:\/\/)/, {
    error: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: databaseUrl.optional(),
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
    VERCEL: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === "production";
    if (production && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required in production: set it to your PostgreSQL URL (postgresql://…)",
      });
    }
    if (production && !env.BETTER_AUTH_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_URL"],
        message: "is required in production: set it to the app's public URL, e.g. https://app.example.com",
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
  })
  .transform((env) => ({
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? DEV_DATABASE_URL,
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
