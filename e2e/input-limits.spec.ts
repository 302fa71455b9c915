import { request as httpRequest } from "node:http";
import { INPUT_LIMITS } from "../lib/common/limits";
import { baseURL } from "./config";
import { expect, randomClientIp, test } from "./fixtures";
import { uniqueEmail, usersWithEmail } from "./helpers";

/** Every text field has a maximum, enforced on the server with a clear 400 and shown in the forms. */

const errorOf = async (response: { json: () => Promise<unknown> }) => (await response.json()) as { code: string; message: string };

test.describe("input limits on the server", () => {
  test("sign-up refuses a 100,000-character name with a clear message and stores nothing", async ({ request }) => {
    const email = uniqueEmail("long-name");
    const response = await request.post("/api/auth/sign-up/email", {
      data: { email, password: "correct horse battery", name: "n".repeat(100_000) },
    });
    // Over the body limit before it is even read.
    expect(response.status()).toBe(413);
    expect(await errorOf(response)).toEqual({ code: "REQUEST_TOO_LARGE", message: "The request is too large (at most 16 KB)." });
    expect(await usersWithEmail(email)).toHaveLength(0);
  });

  test("one character over each limit answers 400 naming the limit; at the limit it goes through", async ({ request }) => {
    const email = uniqueEmail("limits");
    const tooLong = await request.post("/api/auth/sign-up/email", {
      data: { email, password: "correct horse battery", name: "n".repeat(INPUT_LIMITS.name + 1) },
    });
    expect(tooLong.status()).toBe(400);
    expect(await errorOf(tooLong)).toEqual({ code: "NAME_TOO_LONG", message: "Names can be at most 100 characters." });
    expect(await usersWithEmail(email)).toHaveLength(0);

    const atLimit = await request.post("/api/auth/sign-up/email", {
      data: { email, password: "correct horse battery", name: "n".repeat(INPUT_LIMITS.name) },
    });
    expect(atLimit.status()).toBe(200);

    const cases: [string, Record<string, unknown>, string, string][] = [
      ["/api/auth/sign-in/email", { email, password: "p".repeat(129) }, "PASSWORD_TOO_LONG", "Passwords can be at most 128 characters."],
      ["/api/auth/sign-in/magic-link", { email: `${"a".repeat(250)}@example.com` }, "EMAIL_TOO_LONG", "Email addresses can be at most 254 characters."],
      ["/api/auth/sign-in/magic-link", { email, callbackURL: `/${"a".repeat(2048)}` }, "CALLBACK_URL_TOO_LONG", "callbackURL can be at most 2048 characters."],
      ["/api/auth/reset-password", { token: "t".repeat(INPUT_LIMITS.token + 1), newPassword: "correct horse battery" }, "TOKEN_TOO_LONG", `Tokens can be at most ${INPUT_LIMITS.token} characters.`],
    ];
    for (const [path, data, code, message] of cases) {
      const response = await request.post(path, { data });
      expect(response.status(), path).toBe(400);
      expect(await errorOf(response)).toEqual({ code, message });
    }
    const longToken = await request.get(`/api/auth/magic-link/verify?token=${"t".repeat(INPUT_LIMITS.token + 1)}`, { maxRedirects: 0 });
    expect(longToken.status()).toBe(400);
    expect((await errorOf(longToken)).code).toBe("TOKEN_TOO_LONG");
  });

  test("a request missing a field gets our words, with the protocol's status and code", async ({ request }) => {
    const noToken = await request.get("/api/auth/magic-link/verify", { maxRedirects: 0 });
    expect(noToken.status()).toBe(400);
    expect(await errorOf(noToken)).toEqual({ code: "VALIDATION_ERROR", message: "Missing or invalid field: token." });

    const noPassword = await request.post("/api/auth/sign-in/email", { data: { email: uniqueEmail("fields") } });
    expect(noPassword.status()).toBe(400);
    expect(await errorOf(noPassword)).toEqual({ code: "VALIDATION_ERROR", message: "Missing or invalid field: password." });

    const notJson = await request.post("/api/auth/sign-in/email", {
      data: "not json",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status()).toBeGreaterThanOrEqual(400);
    expect(notJson.status()).toBeLessThan(500);
  });
});

/**
 * POSTs 20 MB with Transfer-Encoding: chunked (no Content-Length), 64 KB a write, as fast as the server takes
 * them; stops sending when the answer arrives and resolves with it.
 */
function postTwentyMegabytesChunked(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(`${baseURL()}${path}`, {
      method: "POST",
      headers: { ...headers, "x-real-ip": randomClientIp(), "transfer-encoding": "chunked" },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (part: string) => (body += part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode!, body });
      });
    });
    // Once answered, the server may close the connection on the rest of the body.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const send = () => {
      while (!answered && sent < 20 * 1024 * 1024) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", send);
      }
      if (!answered) request.end();
    };
    send();
  });
}

test.describe("a 20 MB body sent chunked (no Content-Length)", () => {
  const origin = baseURL();
  const routes: [string, Record<string, string>][] = [
    ["/api/auth/sign-in/magic-link", { origin, "content-type": "application/json" }],
    ["/api/auth/magic-link/confirm", { origin, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" }],
  ];
  for (const [path, headers] of routes) {
    test(`${path} answers 413 once 16 KB have arrived, while the rest is still being sent`, async () => {
      const { status, body } = await postTwentyMegabytesChunked(path, headers);
      expect(status).toBe(413);
      expect(JSON.parse(body)).toEqual({ code: "REQUEST_TOO_LARGE", message: "The request is too large (at most 16 KB)." });
    });
  }
});

test.describe("input limits in the forms", () => {
  test("each field carries the server's maximum", async ({ page }) => {
    await page.goto("/sign-up");
    await expect(page.getByLabel("Name")).toHaveAttribute("maxlength", String(INPUT_LIMITS.name));
    await expect(page.getByLabel(/^Password/)).toHaveAttribute("maxlength", String(INPUT_LIMITS.password.max));
  });

  test("an address over the limit is kept whole, and refused beside the field naming the limit", async ({ page }) => {
    // Pasted in full: a field that cut it at the limit would send someone else's address.
    const overlong = `${"a".repeat(INPUT_LIMITS.email + 1 - "@example.com".length)}@example.com`;
    for (const [path, button] of [
      ["/sign-in", "Email me a sign-in link"],
      ["/sign-up", "Create account"],
    ]) {
      await page.goto(path);
      const field = page.getByLabel("Email");
      await field.fill(overlong);
      await expect(field).toHaveValue(overlong);
      if (path === "/sign-up") {
        await page.getByLabel("Name").fill("Pat");
        await page.getByLabel(/^Password/).fill("correct horse battery");
      }
      await page.getByRole("button", { name: button }).click();
      await expect(field, path).toHaveAccessibleDescription(`Email addresses can be at most ${INPUT_LIMITS.email} characters.`);
      await expect(field).toHaveAttribute("aria-invalid", "true");
    }
  });
});
