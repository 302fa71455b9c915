import { spawn, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../lib/db/migrate";

// Next.js's own executable, not npx: stopping it must stop the server, not just a wrapper process.
const NEXT = path.join(process.cwd(), "node_modules", ".bin", "next");

/**
 * For the measuring scripts (bench, size, lighthouse): builds the app and starts it in production mode on a
 * throwaway SQLite file, emails in the dev mailbox. Returns its origin and how to stop it.
 */
export async function startProductionServer({ name, port, env: extra = {} }: { name: string; port: number; env?: Record<string, string> }) {
  const origin = `http://localhost:${port}`;
  const databaseFile = path.join(process.cwd(), ".data", `${name}.db`);
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:${databaseFile}`,
    BETTER_AUTH_SECRET: "measure-Qw8sLr2Vn5Xc7Zt1Yp4Hm6Jk9Gf3Ds0Ba",
    BETTER_AUTH_URL: origin,
    MAIL_TRANSPORT: "mailbox",
    TRUSTED_IP_HEADER: "x-real-ip",
    ...extra,
  };
  rmSync(databaseFile, { force: true });
  await migrate(env.DATABASE_URL);
  if (spawnSync(NEXT, ["build"], { stdio: "ignore", env }).status !== 0) throw new Error("next build failed");
  const server = spawn(NEXT, ["start", "-p", String(port)], { stdio: "ignore", env });
  for (let attempt = 0; ; attempt++) {
    if (await fetch(`${origin}/sign-in`).then((response) => response.ok, () => false)) break;
    if (attempt > 300) {
      server.kill();
      throw new Error("the server did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
