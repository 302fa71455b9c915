import { activityCsv, activityFilters, ADMIN_ERRORS, consoleAccess } from "@/lib/admin";
import { auth } from "@/lib/auth";
import { adminOptions } from "@/lib/auth/settings";

/**
 * GET /admin/activity/export?type=&user=&from=&to=: the console's activity with the page's filters, as a CSV file
 * (lib/admin/activity-search.ts; at most ACTIVITY_EXPORT_MAX_ROWS rows, `X-Truncated: true` when more matched). For
 * an admin holding a second factor, checked against the database, never a cached cookie: a signed-out caller gets
 * 401, anyone else 403 with the admin endpoints' codes.
 */
export async function GET(request: Request) {
  const session = await auth.api.getSession({ headers: request.headers, query: { disableCookieCache: true } });
  if (!session) return Response.json({ code: "UNAUTHORIZED", message: "Sign in first." }, { status: 401, headers: noStore });
  const access = await consoleAccess(session.user, adminOptions);
  if (access === "refused") return Response.json(ADMIN_ERRORS.adminsOnly, { status: 403, headers: noStore });
  if (access === "needs-second-factor") return Response.json(ADMIN_ERRORS.needsSecondFactor, { status: 403, headers: noStore });

  const url = new URL(request.url);
  const parsed = activityFilters(Object.fromEntries([...new Set(url.searchParams.keys())].map((key) => [key, oneOrAll(url.searchParams.getAll(key))])));
  if (parsed.error !== undefined) return Response.json({ code: "INVALID_FILTER", message: parsed.error }, { status: 400, headers: noStore });
  const { csv, truncated } = await activityCsv(parsed.filters);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      ...noStore,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${day}.csv"`,
      "X-Truncated": String(truncated),
    },
  });
}

const noStore = { "Cache-Control": "no-store" };

/** A query parameter as a page's searchParams has it: one value, or every value when it was given more than once. */
const oneOrAll = (values: string[]) => (values.length === 1 ? values[0] : values);
