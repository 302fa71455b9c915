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
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
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
