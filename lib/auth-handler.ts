import "server-only";
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";

/**
 * better-auth's route handlers, with two answers made explicit:
 * - a rate-limited request (429) carries the standard Retry-After header next to better-auth's X-Retry-After;
 * - a server failure (an unreachable database, say) becomes a 503 with a generic message: no stack, SQL or
 *   file path reaches the client. The details are in the server log.
 */
const handlers = toNextJsHandler(auth);

async function withClearAnswers(handler: (request: Request) => Promise<Response>, request: Request) {
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    console.error("Auth request failed:", error);
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
  if (response.status >= 500) return serviceUnavailable();
  return response;
}

function serviceUnavailable() {
  return Response.json(
    { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Try again in a moment." },
    { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
  );
}

export const GET = (request: Request) => withClearAnswers(handlers.GET, request);
export const POST = (request: Request) => withClearAnswers(handlers.POST, request);
