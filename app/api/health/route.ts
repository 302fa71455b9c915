import { checkHealth } from "@/lib/health";
import { requestIdOf, withRequestId } from "@/lib/log";

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
