import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { json, startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * The answers that must not tell an address with an account from one without (a password reset, a sign-up) do
 * not wait for their email: it is sent after the answer, so neither the provider's speed nor its outage shows.
 * The provider here is a local stand-in for Resend's API, reached over HTTP by the real Resend client.
 */

const provider = {
  held: [] as ServerResponse[],
  received: [] as string[],
  /** "hold": keep every request open until released; "fail": answer as Resend does when it is down. */
  mode: "hold" as "hold" | "fail" | "accept",
};
const server = createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  provider.received.push((JSON.parse(body) as { to: string[] | string }).to.toString());
  if (provider.mode === "hold") provider.held.push(response);
  else answer(response, provider.mode === "fail");
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const app = await startAuthServer({ MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_key", EMAIL_FROM: "Acme <login@acme.test>" });

function answer(response: ServerResponse, fail: boolean) {
  response.writeHead(fail ? 500 : 200, { "content-type": "application/json" });
  response.end(JSON.stringify(fail ? { statusCode: 500, name: "internal_server_error", message: "Down" } : { id: "email_123" }));
}

// Every email still on its way is accepted before the next test.
afterEach(async () => {
  provider.mode = "accept";
  for (const response of provider.held.splice(0)) answer(response, false);
  await app.backgroundWorkDone();
  provider.mode = "hold";
  provider.received = [];
});

afterAll(() => {
  delete process.env.RESEND_BASE_URL;
  server.close();
});

/** Waits until the provider has been asked for `count` emails (the background send has reached it). */
async function providerAsked(count: number) {
  while (provider.received.length < count) await new Promise((resolve) => setImmediate(resolve));
}

/** Whether the server is still sending an email, after its answer (the provider holds every request). */
async function stillSending() {
  let done = false;
  void app.backgroundWorkDone().then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return !done;
}

/** What a client can see of an answer, the request id aside (it differs for every request). */
async function visible(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== "x-request-id");
  return { status: response.status, headers, body: await response.text() };
}

describe("a password reset", () => {
  const reset = (email: string) =>
    app.device({ answerOnly: true }).post("/request-password-reset", { email, redirectTo: "/reset-password" });

  test("answers before its email is sent: a provider that never answers holds up nothing", async () => {
    const existing = uniqueEmail("reset-held");
    await app.addMember(existing);
    const known = await visible(await reset(existing));
    expect(known.status).toBe(200);
    // The email is on its way, after the answer: the provider has it, and the server still waits on it.
    await providerAsked(1);
    expect(provider.received).toEqual([existing]);
    expect(await stillSending()).toBe(true);
    expect(await visible(await reset(uniqueEmail("reset-unknown")))).toEqual(known);
    expect(provider.received).toHaveLength(1);
  });

  test("answers the same for an existing and an unknown address while the provider is down", async () => {
    provider.mode = "fail";
    const existing = uniqueEmail("reset-outage");
    await app.addMember(existing);
    const known = await visible(await reset(existing));
    const unknown = await visible(await reset(uniqueEmail("reset-outage-unknown")));
    expect(known.status).toBe(200);
    expect(JSON.parse(known.body)).toEqual({ status: true, message: "If this email exists in our system, check your email for the reset link" });
    expect(unknown).toEqual(known);
  });
});

describe("a password sign-up", () => {
  const signUp = (email: string) =>
    app.device({ answerOnly: true }).post("/sign-up/email", { email, password: "correct horse battery", name: "Pat" });

  test("answers a taken address as a new one, before either email is sent", async () => {
    const taken = uniqueEmail("signup-taken");
    await app.addMember(taken);
    const fresh = uniqueEmail("signup-new");
    const answers = [await signUp(taken), await signUp(fresh)];
    const [forTaken, forNew] = await Promise.all(answers.map((answer) => json<{ token: null; user: Record<string, unknown> }>(answer)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(Object.keys(forTaken.user).sort()).toEqual(Object.keys(forNew.user).sort());
    expect(forTaken.token).toBeNull();
    // Both emails (the owner's notice, the new address's confirmation) go out after the answers.
    await providerAsked(2);
    expect(provider.received.sort()).toEqual([taken, fresh].sort());
    expect(await stillSending()).toBe(true);
  });
});
