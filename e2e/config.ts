import path from "node:path";

export const TEST_PORTS = { main: 3100, signUpDisabled: 3101 } as const;
export const TEST_DATABASE_FILE = path.join(process.cwd(), ".data", "e2e.db");
export const baseURL = (port: number = TEST_PORTS.main) => `http://localhost:${port}`;

/** The environment of the servers under test: a production server that keeps its emails in the mailbox. */
export function serverEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:${TEST_DATABASE_FILE}`,
    BETTER_AUTH_SECRET: "kT3vQ9xLw2ZpR7mN4bYc8HdF6jGs1AeU0oIqVtXr5",
    BETTER_AUTH_URL: baseURL(port),
    MAIL_TRANSPORT: "mailbox",
    // As behind a proxy that sets the client address (e2e/fixtures.ts gives each test its own).
    TRUSTED_IP_HEADER: "x-real-ip",
    ...extra,
  };
}
