import { checkHealth } from "@/lib/platform/health";
import { requestIdOf, withRequestId } from "@/lib/platform/log";

/**
 * GET /api/health, for load balancers and uptime checks: 200 when the database (and Redis, when REDIS_URL is
 * set) answer, else 503 naming what is down. Never cached, no secrets, not counted by the auth limits.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const requestId = requestIdOf(request.headers);
  const health = await withRequestId(requestId, checkHealth);
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store", "x-request-id": requestId },
  });
}

/** Anything but GET (and HEAD, which Next.js answers from GET) is refused with a message. */
function methodNotAllowed() {
  return Response.json(
    { code: "METHOD_NOT_ALLOWED", message: "Use GET /api/health." },
    { status: 405, headers: { Allow: "GET, HEAD", "Cache-Control": "no-store" } },
  );
}

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
