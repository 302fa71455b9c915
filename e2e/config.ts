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
    BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
    BETTER_AUTH_URL: baseURL(port),
    MAIL_TRANSPORT: "mailbox",
    // The suite sends many links from one address; the limit is raised, never switched off.
    MAGIC_LINK_RATE_LIMIT: "1000",
    ...extra,
  };
}
