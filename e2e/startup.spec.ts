import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../lib/platform/db/migrate";
import { expect, test } from "./fixtures";
import { serverEnv, TEST_PORTS } from "./config";

/**
 * A misconfigured production server stops before it serves anything, naming the variable, with no stack trace
 * and a non-zero exit code. Uses the build the other tests run against.
 */

function runUntilExit(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    // A server that keeps running is the failure: stop it, and let the assertions say so.
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const port = String(TEST_PORTS.main + 50);

test.describe("starting the production server with a bad environment", () => {
  test("npm start without BETTER_AUTH_SECRET exits with the variable's name before it is ready", async () => {
    // Empty counts as not set, and keeps a developer's own .env files from filling it in.
    const env = { ...serverEnv("main"), BETTER_AUTH_SECRET: "" };
    const { code, output } = await runUntilExit("npm", ["start", "--", "-p", port], env);
    expect(code).toBe(1);
    expect(output).toContain("BETTER_AUTH_SECRET is required: generate one with `openssl rand -base64 32`");
    expect(output).not.toContain("Ready");
    expect(output).not.toMatch(/^\s+at /m);
  });

  test("next start with a malformed variable stops with the message, not a stack, instead of answering 500s", async () => {
    const env = { ...serverEnv("main"), MAGIC_LINK_EXPIRES_IN: "3600" };
    const { code, output } = await runUntilExit("node_modules/.bin/next", ["start", "-p", port], env);
    expect(code).toBe(1);
    expect(output).toContain("MAGIC_LINK_EXPIRES_IN must be at most 600 seconds (10 minutes)");
    expect(output).not.toMatch(/^\s+at /m);
  });

  test("npm start with the dev mailbox at a public address refuses to start, naming MAIL_TRANSPORT", async () => {
    // The mailbox would show every sign-in link to whoever opens /dev/mailbox: account takeover for anyone.
    const env = { ...serverEnv("main"), MAIL_TRANSPORT: "mailbox", BETTER_AUTH_URL: "https://app.example.com" };
    const { code, output } = await runUntilExit("npm", ["start", "--", "-p", port], env);
    expect(code).toBe(1);
    expect(output).toContain('MAIL_TRANSPORT is "mailbox", which shows every sign-in link at /dev/mailbox to whoever opens it');
    expect(output).not.toContain("Ready");
  });
});

test.describe("the development server", () => {
  test("with no BETTER_AUTH_URL, as after npm run dev, sends one email with a link and a code that signs in", async ({
    request,
  }) => {
    // Compiling pages on first request takes a while on a shared machine: a wait, not a performance limit.
    test.setTimeout(240_000);
    const database = path.join(process.cwd(), ".data", "e2e-dev.db");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
    await migrate(`file:${database}`);
    const devPort = TEST_PORTS.main + 51;
    const origin = `http://localhost:${devPort}`;
    // Development as a fresh clone runs it: no public URL (better-auth answers on whatever local address it is
    // reached at), emails in the dev mailbox.
    const env = Object.fromEntries(
      Object.entries({ ...serverEnv("main"), DATABASE_URL: `file:${database}`, MAIL_TRANSPORT: "mailbox" }).filter(
        ([name]) => name !== "BETTER_AUTH_URL" && name !== "NODE_ENV",
      ),
    );
    // NODE_ENV left out on purpose: next dev sets it.
    const server = spawn("node_modules/.bin/next", ["dev", "-p", String(devPort)], {
      env: env as unknown as NodeJS.ProcessEnv,
      stdio: "ignore",
    });
    try {
      await expect
        .poll(async () => (await request.get(`${origin}/sign-in`).catch(() => null))?.status(), { timeout: 180_000 })
        .toBe(200);
      const email = "dev-server@example.com";
      const sent = await request.post(`${origin}/api/auth/sign-in/magic-link`, {
        data: { email, callbackURL: "/dashboard" },
        headers: { origin },
      });
      expect(await sent.json()).toEqual({ status: true });
      const [message] = (await (await request.get(`${origin}/api/dev/mailbox?to=${email}`)).json()) as { text: string }[];
      expect(message.text).toContain(`${origin}/sign-in/confirm?token=`);
      const code = message.text.match(/\b\d{6}\b/)?.[0];
      const signedIn = await request.post(`${origin}/api/auth/sign-in/email-otp`, { data: { email, otp: code }, headers: { origin } });
      expect(signedIn.status()).toBe(200);
    } finally {
      server.kill("SIGTERM");
    }
  });
});
