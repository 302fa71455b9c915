import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../lib/platform/db/migrate";

// Next.js's own executable, not npx: stopping it must stop the server, not just a wrapper process.
const NEXT = path.join(process.cwd(), "node_modules", ".bin", "next");

/** The environment of a production server on this machine: emails in the dev mailbox, x-real-ip trusted. */
export function productionEnv(origin: string, databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: "measure-Qw8sLr2Vn5Xc7Zt1Yp4Hm6Jk9Gf3Ds0Ba",
    BETTER_AUTH_URL: origin,
    MAIL_TRANSPORT: "mailbox",
    TRUSTED_IP_HEADER: "x-real-ip",
    ...extra,
  };
}

export function buildApp(env: NodeJS.ProcessEnv) {
  if (spawnSync(NEXT, ["build"], { stdio: "ignore", env }).status !== 0) throw new Error("next build failed");
}

/** Polls a URL until it answers 200; returns the milliseconds since `since`. */
export async function waitForAnswer(url: string, server: ChildProcess, since = performance.now()) {
  for (;;) {
    if (await fetch(url).then((response) => response.ok, () => false)) return performance.now() - since;
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before answering ${url}`);
    if (performance.now() - since > 60_000) {
      server.kill();
      throw new Error(`the server did not answer ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts `next start` on an existing build; stdout is piped when asked, for the statement log. */
export function spawnApp(port: number, env: NodeJS.ProcessEnv, stdout: "ignore" | "pipe" = "ignore") {
  return spawn(NEXT, ["start", "-p", String(port)], { stdio: ["ignore", stdout, "ignore"], env });
}

/**
 * For the measuring scripts (size, lighthouse): builds the app and starts it in production mode on a
 * throwaway SQLite file, emails in the dev mailbox. Returns its origin and how to stop it.
 */
export async function startProductionServer({ name, port, env: extra = {} }: { name: string; port: number; env?: Record<string, string> }) {
  const origin = `http://localhost:${port}`;
  const databaseFile = path.join(process.cwd(), ".data", `${name}.db`);
  const env = productionEnv(origin, `file:${databaseFile}`, extra);
  rmSync(databaseFile, { force: true });
  await migrate(env.DATABASE_URL);
  buildApp(env);
  const server = spawnApp(port, env);
  await waitForAnswer(`${origin}/sign-in`, server);
  return { origin, stop: () => server.kill("SIGTERM") };
}

/** A random client address, for the trusted x-real-ip header: each measured client gets its own limits. */
export const randomClientIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Signs in a new account through the magic-link flow and returns its session cookie ("name=value"). */
export async function signedInCookie(origin: string, email: string) {
  // A client of its own each time, so the per-IP limits do not pace the measurements.
  const ip = randomClientIp();
  const headers = { "content-type": "application/json", origin, "x-real-ip": ip };
  await fetch(`${origin}/api/auth/sign-in/magic-link`, { method: "POST", headers, body: JSON.stringify({ email }) });
  const [message] = (await (await fetch(`${origin}/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as { text: string }[];
  const link = new URL(message.text.match(/https?:\/\/\S+\/sign-in\/confirm\S+/)![0]);
  const response = await fetch(`${origin}/api/auth/magic-link/confirm`, {
    method: "POST",
    headers: { "sec-fetch-site": "same-origin", "x-real-ip": ip },
    body: new URLSearchParams(link.searchParams),
    redirect: "manual",
  });
  return response.headers.get("set-cookie")!.split(";")[0];
}
