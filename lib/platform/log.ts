import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

/**
 * The server's log. In production, one JSON line per event on stdout (level, time, message, the request's id,
 * and `event` for activity events), for a log pipeline to index; in development, one readable line. Messages
 * and errors go through the same redaction: nothing shaped like a token, session id or key reaches the log.
 */

/** The request being served, for every line logged while serving it (set by lib/auth/handler.ts). */
const currentRequest = new AsyncLocalStorage<{ requestId: string }>();

/** An id for a request: the one a proxy in front gave it (x-request-id; Vercel's x-vercel-id), else a new one. */
export function requestIdOf(headers: Headers) {
  const given = headers.get("x-request-id") ?? headers.get("x-vercel-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
}

/** Runs `serve` with every line it logs carrying `requestId`. */
export function withRequestId<T>(requestId: string, serve: () => T): T {
  return currentRequest.run({ requestId }, serve);
}

const readable = process.env.NODE_ENV !== "production";

/** Development: "12:00:00 ERROR message {fields}" instead of JSON. */
const readableLines = {
  write(json: string) {
    const { level, time, message, ...fields } = JSON.parse(json) as Record<string, unknown>;
    const clock = new Date(String(time)).toTimeString().slice(0, 8);
    const extra = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : "";
    const line = `${clock} ${String(level).toUpperCase()} ${message}${extra}\n`;
    (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line);
  },
};

export const logger = pino(
  {
    base: undefined,
    messageKey: "message",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => currentRequest.getStore() ?? {},
    hooks: {
      // Every message is redacted, whoever logs it.
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? redact(arg) : arg)) as Parameters<typeof method>);
      },
    },
  },
  readable ? readableLines : pino.destination({ sync: true }),
);

/**
 * How server errors are written to the log: name, code and first line, with anything shaped like a token,
 * session id or key replaced. Database errors can quote the query they ran, and a query can hold a token.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return redact(String(error));
  const code = (error as { code?: unknown }).code;
  const firstLine = error.message.trim().split("\n")[0] ?? "";
  return redact(`${error.name}${typeof code === "string" ? ` ${code}` : ""}${firstLine ? `: ${firstLine}` : ""}`);
}

/** For better-auth's logger: its messages and arguments, through the same redaction. */
export function logAuthMessage(level: "debug" | "info" | "success" | "warn" | "error", message: string, ...args: unknown[]) {
  const details = args.map((arg) => (arg instanceof Error ? describeError(arg) : redact(safeJson(arg))));
  const line = [`[auth] ${redact(message)}`, ...details].join(" ");
  if (level === "error") logger.error(line);
  else if (level === "warn") logger.warn(line);
  else logger.info(line);
}

function safeJson(value: unknown) {
  try {
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function redact(text: string) {
  // Tokens are 32 characters or more (session ids, link tokens, their hashes); names and words are shorter.
  return text.replace(/[A-Za-z0-9_\-+/%=]{32,}/g, "[redacted]");
}
