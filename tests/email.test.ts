import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { render } from "@react-email/components";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import { EmailDeliveryError, resendTransport } from "@/lib/email/resend";

/** A local stand-in for Resend's HTTP API: records each request, answers like Resend does. */
interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

let server: Server;
let requests: RecordedRequest[] = [];
let nextAnswer: { status: number; body: unknown } = { status: 200, body: { id: "email_123" } };

async function readJson(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    requests.push({
      method: request.method!,
      path: request.url!,
      authorization: request.headers.authorization,
      body: await readJson(request),
    });
    response.writeHead(nextAnswer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(nextAnswer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  delete process.env.RESEND_BASE_URL;
  server.close();
});

beforeEach(() => {
  requests = [];
  nextAnswer = { status: 200, body: { id: "email_123" } };
});

const email = { to: "ada@example.com", subject: "Sign in to Acme", html: "<p>Hi</p>", text: "Hi" };

describe("the Resend transport", () => {
  test("posts to, from, subject, html and text with the API key", async () => {
    await resendTransport({ apiKey: "re_test_key", from: "Acme <login@acme.test>" })(email);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: "/emails", authorization: "Bearer re_test_key" });
    expect(requests[0].body).toMatchObject({ from: "Acme <login@acme.test>", ...email });
  });

  test("turns an error answer into an error naming the recipient and Resend's message", async () => {
    nextAnswer = {
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "The `from` domain is not verified." },
    };
    const send = resendTransport({ apiKey: "re_test_key", from: "Acme <login@unverified.test>" });
    const failure = send(email);
    await expect(failure).rejects.toBeInstanceOf(EmailDeliveryError);
    await expect(failure).rejects.toThrow(
      "Resend did not accept the email to ada@example.com: The `from` domain is not verified. (validation_error)",
    );
  });
});

describe("the magic-link email", () => {
  const url = "https://app.example.com/api/auth/magic-link/verify?token=abc&callbackURL=%2Fdashboard";
  const props = { appName: "Acme", url, expiresInMinutes: 5 };

  test("has a button and the plain URL, the lifetime and what to do if unexpected, in HTML", async () => {
    const html = await render(MagicLinkEmail(props));
    expect(html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
    expect(html.match(/href="https:\/\/app\.example\.com/g)).toHaveLength(2);
    expect(html).toContain("Sign in to Acme");
    expect(html).toContain("expires in 5 minutes");
    expect(html).toContain("If you did not ask for this email, you can safely ignore it");
  });

  test("has the same in plain text", async () => {
    const text = await render(MagicLinkEmail(props), { plainText: true });
    expect(text).toContain(url);
    expect(text).toContain("expires in 5 minutes");
    expect(text).toContain("If you did not ask for this email, you can safely ignore it");
    expect(text).not.toContain("<");
  });

  test("is titled with the app name", () => {
    expect(magicLinkSubject("Acme")).toBe("Sign in to Acme");
  });
});
