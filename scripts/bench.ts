/**
 * npm run bench: latency of the sign-in endpoints on the production build, printed, never asserted.
 * Times (sequentially, one client each): sending a link to an existing address vs an unknown one (they must
 * not be told apart by time), confirming a link, reading the session.
 */
import { randomClientIp as clientIp, signedInCookie, startProductionServer } from "./production-server";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

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

async function main() {
  // Measuring, not defending: one address is asked for many links.
  const server = await startProductionServer({ name: "bench", port: 3300, env: { MAGIC_LINK_ADDRESS_LIMIT: "100000" } });
  const { origin } = server;
  const sendLink = (email: string) =>
    fetch(`${origin}/api/auth/sign-in/magic-link`, {
      method: "POST",
      // Node's fetch sends Sec-Fetch-Mode, so the CSRF check wants an Origin, as from a browser.
      headers: { "content-type": "application/json", "x-real-ip": clientIp(), origin },
      body: JSON.stringify({ email, callbackURL: "/dashboard" }),
    });
  try {
    const existing = "bench-existing@example.com";
    const cookie = await signedInCookie(origin, existing);

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
      const start = performance.now();
      await signedInCookie(origin, `bench-confirm-${i}@example.com`);
      confirmations.push(performance.now() - start);
    }
    summary("send + read mailbox + confirm (sign in)", confirmations);

    const sessions: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      sessions.push(await timed(() => fetch(`${origin}/api/auth/get-session`, { headers: { cookie } })));
    }
    summary("get-session", sessions);
  } finally {
    server.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
