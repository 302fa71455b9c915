import { spawn } from "node:child_process";
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
});
