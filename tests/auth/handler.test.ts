import { afterEach, describe, expect, test, vi } from "vitest";
import { logger } from "@/lib/platform/log";
import { APP_ORIGIN, json, newClientIp, startAuthServer, uniqueEmail, verifyUrl, wrongCode } from "../support/auth-server";

/**
 * The route handler in front of better-auth (lib/auth/handler.ts): bodies over 16 KB refused unread (or, without a
 * Content-Length, as soon as 16 KB have arrived), validation
 * errors in the app's words, a 429 that says when to come back, a request id on every answer, and a server log
 * that never holds a credential.
 */

const app = await startAuthServer();
// The route handlers the app mounts, for requests the harness's devices do not make: bodies sent as streams.
const { POST } = await import("@/lib/auth/handler");
const { confirmMagicLink, confirmEmailChange } = await import("@/lib/auth/confirm");

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

describe("a body without a Content-Length (Transfer-Encoding: chunked)", () => {
  const TOO_LARGE = { code: "REQUEST_TOO_LARGE", message: "The request is too large (at most 16 KB)." };
  const routes = [
    ["/api/auth/sign-in/magic-link", POST, "application/json"],
    ["/api/auth/magic-link/confirm", confirmMagicLink, "application/x-www-form-urlencoded"],
    ["/api/auth/verify-email/confirm", confirmEmailChange, "application/x-www-form-urlencoded"],
  ] as const;

  /** A 20 MB body of 64 KB chunks, made as it is read: `pulled` counts the chunks read, `cancelled` the reader giving up. */
  function twentyMegabytes() {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    const source = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (source.pulled === 320) return controller.close();
        source.pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        source.cancelled = true;
      },
    });
    return { body, source };
  }

  /** A stream of `parts`, one chunk each; `breakOff`: the client goes away after them instead of ending the body. */
  function chunks(parts: string[], { breakOff = false } = {}) {
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(encoder.encode(part));
        if (breakOff) controller.error(new Error("The client went away."));
        else controller.close();
      },
    });
  }

  /** A POST from one of the app's pages with a streamed body, as a chunked HTTP request reaches the handler. */
  function chunkedPost(path: string, contentType: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
    return new Request(`${APP_ORIGIN}${path}`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { origin: APP_ORIGIN, "sec-fetch-site": "same-origin", "x-real-ip": newClientIp(), "content-type": contentType, ...headers },
    } as RequestInit);
  }

  for (const [path, route, contentType] of routes) {
    test(`20 MB to ${path} is refused with 413 once 16 KB have arrived, the rest never read`, async () => {
      const { body, source } = twentyMegabytes();
      const response = await route(chunkedPost(path, contentType, body));
      expect(response.status).toBe(413);
      expect(await json(response)).toEqual(TOO_LARGE);
      expect(source.pulled).toBeLessThanOrEqual(2);
      expect(source.cancelled).toBe(true);
    });

    test(`a body to ${path} that breaks off midway is a client error (400), never a server error`, async () => {
      const response = await route(chunkedPost(path, contentType, chunks(["token=abc", "&callback"], { breakOff: true })));
      expect(response.status).toBe(400);
      expect(await json(response)).toEqual({ code: "REQUEST_INCOMPLETE", message: "The request ended before its body did. Send it again." });
    });
  }

  test("under the limit it works as any body: a sign-in link is sent, and its confirmation signs in", async () => {
    const email = uniqueEmail("chunked");
    const ask = await POST(
      chunkedPost("/api/auth/sign-in/magic-link", "application/json", chunks([`{"email":"${email}",`, `"callbackURL":"/dashboard"}`])),
    );
    expect(ask.status).toBe(200);
    await app.backgroundWorkDone();
    const link = await app.latestLink(email);
    const form = new URLSearchParams(Object.fromEntries(link.searchParams)).toString();
    const confirm = await confirmMagicLink(
      chunkedPost("/api/auth/magic-link/confirm", "application/x-www-form-urlencoded", chunks([form.slice(0, 10), form.slice(10)])),
    );
    expect(confirm.status).toBe(303);
    expect(new URL(confirm.headers.get("location")!).pathname).toBe("/dashboard");
    expect(confirm.headers.getSetCookie().join()).toContain("better-auth.session_token=");
  });

  test("a confirmation sent as multipart/form-data still signs in", async () => {
    const email = uniqueEmail("multipart");
    const form = new FormData();
    for (const [name, value] of (await app.requestLink(email)).searchParams) form.set(name, value);
    const confirm = await confirmMagicLink(
      new Request(`${APP_ORIGIN}/api/auth/magic-link/confirm`, {
        method: "POST",
        body: form,
        headers: { "sec-fetch-site": "same-origin", "x-real-ip": newClientIp() },
      }),
    );
    expect(confirm.status).toBe(303);
    expect(confirm.headers.getSetCookie().join()).toContain("better-auth.session_token=");
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

  test("masks the address an email change is asked for, which the account's own activity keeps whole", async () => {
    const browser = await app.signedIn();
    const newEmail = uniqueEmail("logged-new");
    const log = await logged(async () => {
      expect((await browser.post("/change-email", { newEmail })).status).toBe(200);
    });
    expect(log).toContain("Security event email.change_requested");
    expect(log).toContain(`${newEmail[0]}•••@example.com`);
    expect(log).not.toContain(newEmail);
    const userId = (await browser.session())!.user.id;
    expect(await app.activity({ userId, type: "email.change_requested" })).toMatchObject([{ details: { to: newEmail } }]);
  });
});
