/**
 * npm run bench: latency of the sign-in endpoints on the production build, printed, never asserted.
 * Builds the app, starts it on a throwaway SQLite file, and times (sequentially, one client each):
 * - sending a link to an existing address vs an unknown one (they must not be told apart by time);
 * - confirming a link; reading the session.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../lib/db/migrate";

// Next.js's own executable, not npx: stopping it must stop the server, not just a wrapper process.
const NEXT = path.join(process.cwd(), "node_modules", ".bin", "next");

const PORT = 3300;
const ORIGIN = `http://localhost:${PORT}`;
const DATABASE_FILE = path.join(process.cwd(), ".data", "bench.db");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${DATABASE_FILE}`,
  BETTER_AUTH_SECRET: "bench-Qw8sLr2Vn5Xc7Zt1Yp4Hm6Jk9Gf3Ds0Ba",
  BETTER_AUTH_URL: ORIGIN,
  MAIL_TRANSPORT: "mailbox",
  TRUSTED_IP_HEADER: "x-real-ip",
  // Measuring, not defending: one address is asked for many links.
  MAGIC_LINK_ADDRESS_LIMIT: "100000",
};

const clientIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function timed(request: () => Promise<Response>) {
  const start = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return performance.now() - start;
}

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(
    `${label.padEnd(42)} median ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms   (n=${samples.length})`,
  );
  return at(0.5);
}

const sendLink = (email: string) =>
  fetch(`${ORIGIN}/api/auth/sign-in/magic-link`, {
    method: "POST",
    // Node's fetch sends Sec-Fetch-Mode, so the CSRF check wants an Origin, as from a browser.
    headers: { "content-type": "application/json", "x-real-ip": clientIp(), origin: ORIGIN },
    body: JSON.stringify({ email, callbackURL: "/dashboard" }),
  });

async function latestToken(email: string) {
  const [message] = (await (await fetch(`${ORIGIN}/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as {
    text: string;
  }[];
  return new URL(message.text.match(/https?:\/\/\S+\/sign-in\/confirm\S+/)![0]).searchParams.get("token")!;
}

const confirm = (token: string) =>
  fetch(`${ORIGIN}/api/auth/magic-link/confirm`, {
    method: "POST",
    headers: { "sec-fetch-site": "same-origin", "x-real-ip": clientIp() },
    body: new URLSearchParams({ token, callbackURL: "/dashboard" }),
    redirect: "manual",
  });

async function main() {
  rmSync(DATABASE_FILE, { force: true });
  await migrate(`file:${DATABASE_FILE}`);
  if (spawnSync(NEXT, ["build"], { stdio: "ignore", env }).status !== 0) throw new Error("next build failed");
  const server = spawn(NEXT, ["start", "-p", String(PORT)], { stdio: "ignore", env });
  try {
    for (let attempt = 0; ; attempt++) {
      if (await fetch(`${ORIGIN}/sign-in`).then((r) => r.ok, () => false)) break;
      if (attempt > 300) throw new Error("the server did not start");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const existing = "bench-existing@example.com";
    await sendLink(existing);
    const signIn = await confirm(await latestToken(existing));
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];

    // Warm up every path first, then measure the two kinds of address interleaved.
    for (let i = 0; i < 10; i++) await sendLink(`warm-${i}@example.com`);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      known.push(await timed(() => sendLink(existing)));
      unknown.push(await timed(() => sendLink(`bench-unknown-${i}@example.com`)));
    }
    console.log(`Sign-in endpoints, production build, SQLite, ${ROUNDS} rounds:`);
    const knownMedian = summary("send link: existing address", known);
    const unknownMedian = summary("send link: unknown address", unknown);
    console.log(`${"difference of medians".padEnd(42)} ${(unknownMedian - knownMedian).toFixed(1)} ms`);

    const confirmations: number[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 50); i++) {
      const email = `bench-confirm-${i}@example.com`;
      await sendLink(email);
      const token = await latestToken(email);
      confirmations.push(await timed(() => confirm(token)));
    }
    summary("confirm a link (sign in)", confirmations);

    const sessions: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      sessions.push(await timed(() => fetch(`${ORIGIN}/api/auth/get-session`, { headers: { cookie } })));
    }
    summary("get-session", sessions);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
