import { afterEach, describe, expect, test, vi } from "vitest";
import { logger } from "@/lib/platform/log";
import { json, startAuthServer, uniqueEmail, verifyUrl, wrongCode } from "../support/auth-server";

/**
 * The route handler in front of better-auth (lib/auth/handler.ts): bodies over 16 KB refused unread, validation
 * errors in the app's words, a 429 that says when to come back, a request id on every answer, and a server log
 * that never holds a credential.
 */

const app = await startAuthServer();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.useRealTimers();
});

describe("a body over 16 KB", () => {
  test("is refused with 413 by its Content-Length, before it is read; 16 KB exactly goes through", async () => {
    const body = { email: uniqueEmail("size"), password: "correct horse battery" };
    const over = await app.device().post("/sign-in/email", body, { headers: { "content-length": String(16 * 1024 + 1) } });
    expect(over.status).toBe(413);
    expect(await json(over)).toEqual({ code: "REQUEST_TOO_LARGE", message: "The request is too large (at most 16 KB)." });
    const at = await app.device().post("/sign-in/email", body, { headers: { "content-length": String(16 * 1024) } });
    expect(at.status).toBe(401);
  });
});

describe("a request missing a field", () => {
  test("gets the app's words, with the protocol's status and code", async () => {
    const noToken = await app.device().get("/magic-link/verify");
    expect(noToken.status).toBe(400);
    expect(await json(noToken)).toEqual({ code: "VALIDATION_ERROR", message: "Missing or invalid field: token." });

    const noPassword = await app.device().post("/sign-in/email", { email: uniqueEmail("fields") });
    expect(noPassword.status).toBe(400);
    expect(await json(noPassword)).toEqual({ code: "VALIDATION_ERROR", message: "Missing or invalid field: password." });
  });

  test("several fields are named together", async () => {
    const response = await app.device().post("/sign-up/email", { email: uniqueEmail("fields"), password: 5, name: [] });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ code: "VALIDATION_ERROR", message: "Missing or invalid fields: name, password." });
  });

  test("a body that is not JSON is a client error, never a server error", async () => {
    const response = await app.device().post("/sign-in/email", "not json");
    expect(response.status).toBe(400);
    expect((await json(response)).code).toBe("BAD_REQUEST");
  });
});

describe("a rate-limited request", () => {
  test("carries the standard Retry-After next to better-auth's X-Retry-After", async () => {
    // The clock stands still: the 10-second window cannot end between the tries.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const client = app.device();
    let response: Response | undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      response = await client.post("/sign-in/email", { email: "nobody@example.com", password: `guess-${attempt}` });
    }
    expect(response!.status).toBe(429);
    expect(Number(response!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response!.headers.get("retry-after")).toBe(response!.headers.get("x-retry-after"));
    expect((await json(response!)).message).toBe("Too many requests. Please try again later.");
  });
});

describe("the request id", () => {
  test("a proxy's x-request-id comes back on the answer", async () => {
    const response = await app.device().get("/get-session", { headers: { "x-request-id": "lb-7.1:2_a" } });
    expect(response.headers.get("x-request-id")).toBe("lb-7.1:2_a");
  });

  test("without one, or with one that does not look like an id, the answer carries a new one", async () => {
    for (const given of [null, "<script>", "x".repeat(129)]) {
      const response = await app.device().get("/get-session", { headers: { "x-request-id": given } });
      expect(response.headers.get("x-request-id"), String(given)).toMatch(UUID);
    }
  });

  test("every kind of answer carries it: JSON, a redirect, a refusal, a 413", async () => {
    const email = uniqueEmail("request-id");
    const device = app.device();
    const answers = [
      await device.post("/sign-in/magic-link", { email }, { headers: { "x-request-id": "sent-1" } }),
      await device.get("/magic-link/verify?token=nosuchtoken&callbackURL=/dashboard", { headers: { "x-request-id": "sent-2" } }),
      await device.post("/sign-in/magic-link", { email: "not-an-email" }, { headers: { "x-request-id": "sent-3" } }),
      await device.post("/sign-in/magic-link", { email }, { headers: { "x-request-id": "sent-4", "content-length": "100000" } }),
      await device.confirm(await app.latestLink(email), { "x-request-id": "sent-5" }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 302, 400, 413, 303]);
    expect(answers.map((answer) => answer.headers.get("x-request-id"))).toEqual(["sent-1", "sent-2", "sent-3", "sent-4", "sent-5"]);
  });
});

describe("the server log", () => {
  /** Everything the server logs while `run` runs, at every level. */
  async function logged(run: () => Promise<void>) {
    const lines: string[] = [];
    const capture = (line: string | Uint8Array) => lines.push(String(line)) > 0;
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
    const level = logger.level;
    logger.level = "debug";
    try {
      await run();
    } finally {
      logger.level = level;
      out.mockRestore();
      err.mockRestore();
    }
    return lines.join("");
  }

  test("never holds a link's token, a code or a session cookie, whatever happens to them", async () => {
    const email = uniqueEmail("logged");
    const browser = app.device();
    let token = "";
    let code = "";
    let session = "";
    const log = await logged(async () => {
      const link = await app.requestLink(email, {}, browser);
      token = link.searchParams.get("token")!;
      code = await app.latestCode(email);
      await app.device().post("/sign-in/email-otp", { email, otp: wrongCode(code) });
      await browser.confirm(link);
      session = browser.cookies.get("better-auth.session_token")!;
      // Give the log something to say about this token: reuse, tampering, a bad redirect, a forged cookie.
      await app.device().confirm(link);
      const tampered = verifyUrl(link);
      tampered.searchParams.set("callbackURL", "//evil.com");
      await app.device().get(tampered);
      await app.device().post("/sign-in/magic-link", { email, callbackURL: `https://evil.com/${token}` });
      const forged = app.device();
      forged.cookies.set("better-auth.session_token", `${session}x`);
      await forged.get("/get-session");
    });
    expect(log).toContain("Security event magic_link.sent");
    expect(log).not.toContain(token);
    expect(log).not.toContain(decodeURIComponent(session).split(".")[0]);
    expect(log).not.toMatch(new RegExp(`\\b${code}\\b`));
  });
});
