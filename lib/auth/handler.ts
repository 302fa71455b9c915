import "server-only";
import { runWithAdapter } from "@better-auth/core/context";
import type { AuthContext, BetterAuthOptions } from "better-auth";
import { router } from "better-auth/api";
import { toNextJsHandler } from "better-auth/next-js";
import { readBodyWithin } from "@/lib/platform/body";
import { describeError, logger, requestIdOf, withRequestId } from "@/lib/platform/log";
import { auth } from "./index";

/**
 * better-auth's route handlers, with two answers made explicit:
 * - a rate-limited request (429) carries the standard Retry-After header next to better-auth's X-Retry-After;
 * - an unexpected failure (an unreachable database, say: better-auth answers 500) becomes a 503 with a generic
 *   message: no stack, SQL or file path reaches the client. The details are in the server log. Deliberate
 *   5xx answers (EMAIL_NOT_SENT) pass through.
 * Every answer carries the request's id (x-request-id), the one its log lines carry.
 */
export const handlers = toNextJsHandler(handleAuthRequest);

/**
 * auth.handler builds better-auth's router anew for every request: every endpoint of every plugin wrapped again,
 * and the route table (better-auth#10188). In-process, get-session without a cookie took 2.1 ms through
 * auth.handler and 0.8 ms through a router built once. It rebuilds because it may derive the base URL and the
 * trusted origins from each request. With BETTER_AUTH_URL set and trusted origins that are a fixed list (no
 * plugin adding any), both are the same for every request and are what the auth context already holds: the
 * router is built once, from that context, as auth.api calls use it. Otherwise (development without
 * BETTER_AUTH_URL: the base URL comes from each request) auth.handler runs.
 */
type Handler = (request: Request) => Promise<Response>;
let routerHandler: Promise<Handler> | undefined;

function handleAuthRequest(request: Request) {
  routerHandler ??= auth.$context.then((context): Handler => {
    // A list the plugins left as configured (not a function of the request, nothing added).
    const unchanged = (read: (options: BetterAuthOptions) => unknown) => {
      const [current, configured] = [read(context.options), read(auth.options)];
      return (current === undefined || Array.isArray(current)) && JSON.stringify(current ?? []) === JSON.stringify(configured ?? []);
    };
    const sameForEveryRequest =
      typeof context.options.baseURL === "string" &&
      unchanged((options) => options.trustedOrigins) &&
      unchanged((options) => options.account?.accountLinking?.trustedProviders);
    if (!sameForEveryRequest) return auth.handler;
    // The context typed by this app's options is the context better-auth's router is written for.
    const { handler } = router(context as unknown as AuthContext, auth.options);
    return async (request) => await runWithAdapter(context.adapter, () => handler(request));
  });
  return routerHandler.then((handle) => handle(request));
}

/**
 * Auth requests are a few short fields: a larger body is refused, by its Content-Length before it is read, or as
 * soon as the bytes that arrive pass the limit (a chunked body announces no length).
 */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The request with its body read into memory (at most MAX_BODY_BYTES), for an endpoint to parse; or the answer
 * instead: 413 for a body too large, 400 for one cut off before its end.
 */
export async function bufferBody(request: Request): Promise<{ request: Request } | { refusal: Response }> {
  const read = await readBodyWithin(request, MAX_BODY_BYTES);
  if (read.status === "too-large") {
    return {
      refusal: Response.json(
        { code: "REQUEST_TOO_LARGE", message: `The request is too large (at most ${MAX_BODY_BYTES / 1024} KB).` },
        { status: 413 },
      ),
    };
  }
  if (read.status === "broken") {
    return {
      refusal: Response.json(
        { code: "REQUEST_INCOMPLETE", message: "The request ended before its body did. Send it again." },
        { status: 400 },
      ),
    };
  }
  if (!read.bytes) return { request };
  // The body is now bytes of a known length, no longer a stream.
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(read.bytes.byteLength));
  return { request: new Request(request.url, { method: request.method, headers, body: read.bytes, signal: request.signal }) };
}

export async function withClearAnswers(handler: (request: Request) => Promise<Response>, request: Request) {
  const requestId = requestIdOf(request.headers);
  const response = await withRequestId(requestId, () => clearAnswer(handler, request));
  // Redirects from Response.redirect have immutable headers.
  const answer = new Response(response.body, response);
  answer.headers.set("x-request-id", requestId);
  return answer;
}

async function clearAnswer(handler: (request: Request) => Promise<Response>, request: Request) {
  const buffered = await bufferBody(request);
  if ("refusal" in buffered) return buffered.refusal;
  let response: Response;
  try {
    response = await handler(buffered.request);
  } catch (error) {
    logger.error(`Auth request failed: ${describeError(error)}`);
    return serviceUnavailable();
  }
  if (response.status === 429) {
    const retryAfter = response.headers.get("X-Retry-After");
    if (retryAfter && !response.headers.has("Retry-After")) {
      const headers = new Headers(response.headers);
      headers.set("Retry-After", retryAfter);
      return new Response(response.body, { status: 429, statusText: response.statusText, headers });
    }
  }
  if (response.status === 500) return serviceUnavailable();
  if (response.status === 400) return clearValidationError(response);
  return response;
}

/**
 * better-auth's request validator answers a missing or mistyped field with its schema's text
 * ("[query.token] Invalid input: expected string, received undefined"). Same status and code, our words.
 */
async function clearValidationError(response: Response) {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: string; message?: string } | null;
  if (body?.code !== "VALIDATION_ERROR") return response;
  const fields = [...new Set([...(body.message ?? "").matchAll(/\[(?:body|query)\.([A-Za-z]+)/g)].map((match) => match[1]))];
  const message = fields.length
    ? `Missing or invalid ${fields.length === 1 ? "field" : "fields"}: ${fields.join(", ")}.`
    : "The request is malformed.";
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return Response.json({ code: "VALIDATION_ERROR", message }, { status: 400, headers });
}

function serviceUnavailable() {
  return Response.json(
    { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Try again in a moment." },
    { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
  );
}

export const GET = (request: Request) => withClearAnswers(handlers.GET, request);
export const POST = (request: Request) => withClearAnswers(handlers.POST, request);
