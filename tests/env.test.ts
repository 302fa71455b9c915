import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { databaseUrls, DEV_DATABASE_URL, parseEnv } from "@/lib/platform/env";
import { configuredProviders } from "@/lib/social/providers";

const secret = "s".repeat(32);

describe("environment validation", () => {
  test("development needs nothing but a secret: SQLite file, dev mailbox, 300 s links, sign-up open", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret })).toMatchObject({
      NODE_ENV: "development",
      DATABASE_URL: DEV_DATABASE_URL,
      MAIL_TRANSPORT: "mailbox",
      MAGIC_LINK_EXPIRES_IN: 300,
      AUTH_DISABLE_SIGN_UP: false,
      SESSION_CACHE_SECONDS: 30,
    });
  });

  test("names a missing or short secret and says how to make one", () => {
    expect(() => parseEnv({})).toThrow(/BETTER_AUTH_SECRET is required: generate one with `openssl rand -base64 32`/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrow(/BETTER_AUTH_SECRET must be at least 32 characters/);
  });

  test("refuses a link lifetime over 600 seconds", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, MAGIC_LINK_EXPIRES_IN: "900" })).toThrow(
      /MAGIC_LINK_EXPIRES_IN must be at most 600 seconds/,
    );
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, MAGIC_LINK_EXPIRES_IN: "600" }).MAGIC_LINK_EXPIRES_IN).toBe(600);
  });

  test("ADMIN_EMAILS: a list of addresses, normalised; a bad one is named; admins need a second factor on offer", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, ADMIN_EMAILS: " Ada@Example.com, bob@example.com ,," }).ADMIN_EMAILS).toEqual([
      "ada@example.com",
      "bob@example.com",
    ]);
    expect(parseEnv({ BETTER_AUTH_SECRET: secret }).ADMIN_EMAILS).toEqual([]);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, ADMIN_EMAILS: "ada@example.com, not-an-address" })).toThrow(
      /ADMIN_EMAILS has "not-an-address", which is not an email address/,
    );
    expect(() =>
      parseEnv({ BETTER_AUTH_SECRET: secret, ADMIN_EMAILS: "ada@example.com", AUTH_TWO_FACTOR: "false", AUTH_PASSKEYS: "false" }),
    ).toThrow(/ADMIN_EMAILS needs AUTH_TWO_FACTOR or AUTH_PASSKEYS on/);
  });

  test("SESSION_CACHE_SECONDS: 0 turns the session cache off; more than 300 s is refused", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, SESSION_CACHE_SECONDS: "0" }).SESSION_CACHE_SECONDS).toBe(0);
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, SESSION_CACHE_SECONDS: "300" }).SESSION_CACHE_SECONDS).toBe(300);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, SESSION_CACHE_SECONDS: "301" })).toThrow(
      /SESSION_CACHE_SECONDS must be at most 300 seconds: an ended session keeps working that long/,
    );
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, SESSION_CACHE_SECONDS: "-1" })).toThrow(
      /SESSION_CACHE_SECONDS must be 0 \(off\) or more/,
    );
  });

  test("REDIS_URL: redis:// or rediss:// (TLS, as Upstash gives), anything else named; a key prefix of its own", () => {
    const unset = parseEnv({ BETTER_AUTH_SECRET: secret });
    expect([unset.REDIS_URL, unset.REDIS_KEY_PREFIX]).toEqual([undefined, "better-auth:"]);
    for (const url of ["redis://127.0.0.1:6379", "rediss://default:p4ss@eu1-example.upstash.io:6379"]) {
      expect(parseEnv({ BETTER_AUTH_SECRET: secret, REDIS_URL: url }).REDIS_URL).toBe(url);
    }
    for (const url of ["127.0.0.1:6379", "http://redis:6379", "redis://"]) {
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, REDIS_URL: url })).toThrow(/REDIS_URL must be a Redis URL/);
    }
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, REDIS_KEY_PREFIX: "acme:" }).REDIS_KEY_PREFIX).toBe("acme:");
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, REDIS_KEY_PREFIX: "a b" })).toThrow(/REDIS_KEY_PREFIX must be/);
  });

  test("reads AUTH_DISABLE_SIGN_UP as a flag and refuses other words", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, AUTH_DISABLE_SIGN_UP: "true" }).AUTH_DISABLE_SIGN_UP).toBe(true);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, AUTH_DISABLE_SIGN_UP: "yes" })).toThrow(
      /AUTH_DISABLE_SIGN_UP must be "true" or "false"/,
    );
  });

  test("EMAIL_SIGN_IN: link and code by default, link or code alone on request, nothing else", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret }).EMAIL_SIGN_IN).toBe("link-and-code");
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, EMAIL_SIGN_IN: "link" }).EMAIL_SIGN_IN).toBe("link");
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, EMAIL_SIGN_IN: "code" }).EMAIL_SIGN_IN).toBe("code");
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, EMAIL_SIGN_IN: "both" })).toThrow(
      /EMAIL_SIGN_IN must be one of "link-and-code", "link", "code"/,
    );
  });

  test("keeps security events 90 days unless AUDIT_LOG_RETENTION_DAYS says otherwise, and refuses nonsense", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret }).AUDIT_LOG_RETENTION_DAYS).toBe(90);
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, AUDIT_LOG_RETENTION_DAYS: "30" }).AUDIT_LOG_RETENTION_DAYS).toBe(30);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, AUDIT_LOG_RETENTION_DAYS: "0" })).toThrow(
      /AUDIT_LOG_RETENTION_DAYS must be at least 1 day/,
    );
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, AUDIT_LOG_RETENTION_DAYS: "a week" })).toThrow(
      /AUDIT_LOG_RETENTION_DAYS must be a number of days/,
    );
  });

  test("refuses a database URL it cannot use", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "mysql://localhost/app" })).toThrow(
      /DATABASE_URL must start with "file:" \(SQLite\) or "postgresql:\/\/"/,
    );
  });

  const production = {
    NODE_ENV: "production",
    BETTER_AUTH_SECRET: secret,
    BETTER_AUTH_URL: "https://app.example.com",
    DATABASE_URL: "postgresql://app@db.example.com/app",
  };
  const resend = { RESEND_API_KEY: "re_key", EMAIL_FROM: "Acme <a@acme.com>" };

  test("production with no email provider names RESEND_API_KEY and EMAIL_FROM", () => {
    expect(() => parseEnv(production)).toThrow(/RESEND_API_KEY and EMAIL_FROM are required in production/);
  });

  test("production names DATABASE_URL and BETTER_AUTH_URL when they are missing", () => {
    const message = (() => {
      try {
        parseEnv({ ...production, DATABASE_URL: undefined, BETTER_AUTH_URL: undefined, ...resend });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/DATABASE_URL is required in production/);
    expect(message).toMatch(/BETTER_AUTH_URL is required in production/);
  });

  test("npm start with the required variables missing names every one of them in one message", () => {
    // What `npm start` runs first, in an empty folder: no .env file fills anything in, as on a fresh server.
    const folder = mkdtempSync(path.join(tmpdir(), "check-env-"));
    const run = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [path.join(process.cwd(), "scripts", "check-env.ts")], {
      cwd: folder,
      env: { PATH: process.env.PATH, NODE_ENV: "production" },
      encoding: "utf8",
    });
    rmSync(folder, { recursive: true });
    expect(run.status).toBe(1);
    const message = run.stderr.trim();
    expect(message.match(/^Invalid environment configuration:/gm)).toHaveLength(1);
    for (const name of ["BETTER_AUTH_SECRET", "DATABASE_URL", "BETTER_AUTH_URL", "RESEND_API_KEY"]) {
      expect(message).toMatch(new RegExp(`^  - ${name} `, "m"));
    }
    // A malformed variable does not hide a missing one either.
    expect(() => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short", MAIL_TRANSPORT: "mailbox", BETTER_AUTH_URL: "not a url" })).toThrow(
      /BETTER_AUTH_SECRET must be at least 32 characters[\s\S]*BETTER_AUTH_URL must be the app's public URL[\s\S]*DATABASE_URL is required in production[\s\S]*MAIL_TRANSPORT is "mailbox"/,
    );
  });

  test("production with Resend configured sends through Resend; EMAIL_FROM is required with it", () => {
    expect(parseEnv({ ...production, RESEND_API_KEY: "re_key", EMAIL_FROM: "Acme <a@acme.com>" }).MAIL_TRANSPORT).toBe(
      "resend",
    );
    expect(() => parseEnv({ ...production, RESEND_API_KEY: "re_key" })).toThrow(
      /EMAIL_FROM is required to send email with Resend/,
    );
  });

  test("production keeps emails in the mailbox only on purpose, and only on this machine (a loopback BETTER_AUTH_URL)", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3100", "http://[::1]:3000", "http://app.localhost:3000"]) {
      expect(parseEnv({ ...production, BETTER_AUTH_URL: url, MAIL_TRANSPORT: "mailbox" }).MAIL_TRANSPORT, url).toBe("mailbox");
    }
    // Anywhere else the mailbox would publish every sign-in link to whoever opens /dev/mailbox.
    for (const url of ["https://app.example.com", "http://10.0.0.5:3000", "http://localhost.example.com"]) {
      expect(() => parseEnv({ ...production, BETTER_AUTH_URL: url, MAIL_TRANSPORT: "mailbox" }), url).toThrow(
        /MAIL_TRANSPORT is "mailbox", which shows every sign-in link at \/dev\/mailbox to whoever opens it/,
      );
    }
    expect(() => parseEnv({ ...production, MAIL_TRANSPORT: "mailbox", VERCEL: "1" })).toThrow(/MAIL_TRANSPORT/);
  });

  test("what applies where: strict limits in production, per-browser limits and room to retry in development", () => {
    const deployedEnv = { ...production, ...resend };
    const development = parseEnv({ BETTER_AUTH_SECRET: secret, NODE_ENV: "development" });
    expect(development.TRUSTED_IP_HEADER).toBe("x-forwarded-for");
    expect(development.MAGIC_LINK_ADDRESS_LIMIT).toBe(20);
    const deployed = parseEnv(deployedEnv);
    expect(deployed.TRUSTED_IP_HEADER).toBeUndefined();
    expect(deployed.MAGIC_LINK_ADDRESS_LIMIT).toBe(3);
    expect(parseEnv({ ...deployedEnv, VERCEL: "1" }).TRUSTED_IP_HEADER).toBe("x-real-ip");
    expect(parseEnv({ ...deployedEnv, TRUSTED_IP_HEADER: "X-Client-IP" }).TRUSTED_IP_HEADER).toBe("x-client-ip");
    expect(parseEnv({ BETTER_AUTH_SECRET: secret, MAGIC_LINK_ADDRESS_LIMIT: "5" }).MAGIC_LINK_ADDRESS_LIMIT).toBe(5);
  });

  describe("social sign-in providers: each one on with all of its settings, off with none", () => {
    const github = { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "gh-secret" };
    const google = { GOOGLE_CLIENT_ID: "123.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "g-secret" };
    const oidc = { OIDC_ISSUER: "https://login.example.com/realms/acme", OIDC_CLIENT_ID: "app", OIDC_CLIENT_SECRET: "o-secret" };

    test("half of a provider's settings stops start-up naming the one missing", () => {
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, GITHUB_CLIENT_ID: "Iv1.abc" })).toThrow(
        /GITHUB_CLIENT_SECRET is required when GITHUB_CLIENT_ID is set/,
      );
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, GOOGLE_CLIENT_SECRET: "g-secret" })).toThrow(
        /GOOGLE_CLIENT_ID is required when GOOGLE_CLIENT_SECRET is set/,
      );
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, ...oidc, OIDC_CLIENT_SECRET: undefined })).toThrow(
        /OIDC_CLIENT_SECRET is required when OIDC_ISSUER and OIDC_CLIENT_ID are set/,
      );
      // An empty value is "not set", as everywhere.
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, ...github, GITHUB_CLIENT_SECRET: "" })).toThrow(/GITHUB_CLIENT_SECRET is required/);
    });

    test("names an issuer that is not a URL and a button label too long for a button", () => {
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, ...oidc, OIDC_ISSUER: "login.example.com" })).toThrow(
        /OIDC_ISSUER must be the provider's issuer URL/,
      );
      expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, ...oidc, OIDC_PROVIDER_NAME: "x".repeat(41) })).toThrow(
        /OIDC_PROVIDER_NAME must be at most 40 characters/,
      );
    });

    test("the providers on are those fully set, in button order; the OpenID Connect one is labelled", () => {
      expect(configuredProviders(parseEnv({ BETTER_AUTH_SECRET: secret }))).toEqual([]);
      expect(configuredProviders(parseEnv({ BETTER_AUTH_SECRET: secret, ...oidc, ...github }))).toEqual([
        { id: "github", name: "GitHub" },
        { id: "oidc", name: "Single sign-on" },
      ]);
      const all = parseEnv({ BETTER_AUTH_SECRET: secret, ...github, ...google, ...oidc, OIDC_PROVIDER_NAME: "Okta" });
      expect(configuredProviders(all).map(({ name }) => name)).toEqual(["GitHub", "Google", "Okta"]);
    });
  });

  describe("the database URLs Vercel's Postgres integrations set, read as they are", () => {
    const pooled = "postgresql://app@pooler.example.com/app";
    const direct = "postgresql://app@db.example.com/app";

    test("Neon: DATABASE_URL is pooled, DATABASE_URL_UNPOOLED direct", () => {
      expect(databaseUrls({ DATABASE_URL: pooled, DATABASE_URL_UNPOOLED: direct })).toEqual({ app: pooled, direct });
    });

    test("Prisma Postgres: DATABASE_URL_POOLED is pooled, DATABASE_URL direct", () => {
      expect(databaseUrls({ DATABASE_URL: direct, DATABASE_URL_POOLED: pooled, POSTGRES_URL: direct })).toEqual({ app: pooled, direct });
    });

    test("Supabase: POSTGRES_URL is pooled, POSTGRES_URL_NON_POOLING direct", () => {
      expect(databaseUrls({ POSTGRES_URL: pooled, POSTGRES_URL_NON_POOLING: direct })).toEqual({ app: pooled, direct });
    });

    test("one URL serves both; none leaves development on its SQLite file", () => {
      expect(databaseUrls({ DATABASE_URL: direct })).toEqual({ app: direct, direct });
      const env = parseEnv({ BETTER_AUTH_SECRET: secret });
      expect([env.DATABASE_URL, env.DATABASE_DIRECT_URL]).toEqual([DEV_DATABASE_URL, DEV_DATABASE_URL]);
    });

    test("production accepts any of them, names DATABASE_URL when none is set, and checks each one's form", () => {
      const env = parseEnv({ ...production, DATABASE_URL: undefined, POSTGRES_URL: pooled, POSTGRES_URL_NON_POOLING: direct, ...resend });
      expect([env.DATABASE_URL, env.DATABASE_DIRECT_URL]).toEqual([pooled, direct]);
      expect(() => parseEnv({ ...production, DATABASE_URL: undefined, ...resend })).toThrow(
        /DATABASE_URL is required in production: set it to your PostgreSQL URL \(postgresql:\/\/…\), or connect a Postgres integration/,
      );
      expect(() => parseEnv({ ...production, DATABASE_URL_UNPOOLED: "mysql://db/app", ...resend })).toThrow(
        /DATABASE_URL_UNPOOLED must start with "file:" \(SQLite\) or "postgresql:\/\/"/,
      );
    });
  });

  test("DATABASE_POOL_MAX: 5 connections per instance on Vercel, pg's 10 elsewhere, 1 to 100 when set", () => {
    const deployedEnv = { ...production, ...resend };
    expect(parseEnv(deployedEnv).DATABASE_POOL_MAX).toBe(10);
    expect(parseEnv({ ...deployedEnv, VERCEL: "1" }).DATABASE_POOL_MAX).toBe(5);
    expect(parseEnv({ ...deployedEnv, VERCEL: "1", DATABASE_POOL_MAX: "2" }).DATABASE_POOL_MAX).toBe(2);
    expect(() => parseEnv({ ...deployedEnv, DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX must be at least 1/);
    expect(() => parseEnv({ ...deployedEnv, DATABASE_POOL_MAX: "many" })).toThrow(/DATABASE_POOL_MAX must be a number of connections/);
  });

  describe("the app's address on Vercel", () => {
    const vercel = { ...production, ...resend, VERCEL: "1" };
    const preview = {
      ...vercel,
      VERCEL_ENV: "preview",
      VERCEL_BRANCH_URL: "acme-git-feature-team.vercel.app",
      VERCEL_URL: "acme-a1b2c3-team.vercel.app",
    };

    test("a preview answers on its branch address, trusts its own deployment address too, and nothing else", () => {
      const env = parseEnv({ ...preview, TRUSTED_ORIGINS: "https://www.example.com" });
      expect(env.BETTER_AUTH_URL).toBe("https://acme-git-feature-team.vercel.app");
      expect(env.TRUSTED_ORIGINS).toEqual(["https://acme-a1b2c3-team.vercel.app", "https://www.example.com"]);
      expect(parseEnv({ ...preview, VERCEL_BRANCH_URL: undefined }).BETTER_AUTH_URL).toBe("https://acme-a1b2c3-team.vercel.app");
    });

    test("production keeps BETTER_AUTH_URL, and falls back to the project's production domain without it", () => {
      expect(parseEnv({ ...vercel, VERCEL_ENV: "production", VERCEL_URL: "acme-a1b2c3-team.vercel.app" }).BETTER_AUTH_URL).toBe(
        "https://app.example.com",
      );
      const fallback = parseEnv({ ...vercel, BETTER_AUTH_URL: undefined, VERCEL_ENV: "production", VERCEL_PROJECT_PRODUCTION_URL: "acme.com" });
      expect([fallback.BETTER_AUTH_URL, fallback.TRUSTED_ORIGINS]).toEqual(["https://acme.com", []]);
      expect(() => parseEnv({ ...vercel, BETTER_AUTH_URL: undefined, VERCEL_ENV: "preview" })).toThrow(/BETTER_AUTH_URL is required/);
    });

    test("names a Vercel address that is not a host name", () => {
      expect(() => parseEnv({ ...preview, VERCEL_URL: "https://acme.vercel.app/" })).toThrow(/VERCEL_URL must be a host name/);
    });
  });
});
