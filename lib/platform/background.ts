import "server-only";
import { after } from "next/server";

/**
 * Work an answer must not wait for: the emails whose sending time (or failure) would tell an address with an
 * account from one without (a password reset, a sign-up for a taken address). better-auth hands them here
 * (advanced.backgroundTasks in lib/auth/index.ts); Next.js runs them once the response is sent (`after`, which
 * on Vercel keeps the function alive with waitUntil). Outside a request (a script, the in-process tests) they
 * run on by themselves, and `backgroundWorkDone` waits for them.
 */
const running = new Set<Promise<unknown>>();

export function runAfterAnswer(task: Promise<unknown>) {
  // better-auth has attached its own error log to the task: it never rejects here.
  const tracked = task.finally(() => running.delete(tracked));
  running.add(tracked);
  try {
    after(tracked);
  } catch {
    // Not inside a request: nothing would wait for it, and nothing needs to.
  }
}

/** Resolves once every task handed to runAfterAnswer so far (and any they started) has finished. */
export async function backgroundWorkDone() {
  while (running.size) await Promise.allSettled([...running]);
}
