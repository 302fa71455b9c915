import "server-only";
import { after } from "next/server";
import { describeError, logger } from "./log";

/**
 * Work an answer must not wait for: the emails whose sending time (or failure) would tell an address with an
 * account from one without (a password reset, a sign-up for a taken address). Inside a request, Next.js starts
 * it once the response has been sent (`after`; on Vercel the function is kept alive for it with waitUntil), so
 * not even rendering the email delays the answer. Outside a request (a script, the in-process tests) it starts
 * at once; `backgroundWorkDone` waits for it.
 */
const running = new Set<Promise<void>>();

export function afterAnswer(work: () => Promise<unknown>): void {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  running.add(done);
  const run = () =>
    work()
      .catch((error) => logger.error(`Work after an answer failed: ${describeError(error)}`))
      .finally(() => {
        running.delete(done);
        settle();
      });
  try {
    after(run);
  } catch {
    // Not inside a request: nothing is being answered, so it starts now.
    void run();
  }
}

/** Resolves once every piece of work handed to afterAnswer so far (and any it started) has finished. */
export async function backgroundWorkDone() {
  while (running.size) await Promise.allSettled([...running]);
}
