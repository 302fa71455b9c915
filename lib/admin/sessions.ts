import "server-only";
import { APIError, createAuthEndpoint, createAuthMiddleware } from "better-auth/api";
import { z } from "zod";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { ENDPOINTS } from "@/lib/common/paths";

/**
 * A user's sessions, as an admin sees them: never their tokens (whoever holds one holds the session), so one is
 * signed out by its id, as in the account area.
 */

/**
 * POST /admin/revoke-session {userId, sessionId}: signs one of the user's sessions out. The admin rules
 * (./rules.ts) have checked the caller and the user before this runs; a session of another user is "not found".
 */
export const revokeUserSessionById = createAuthEndpoint(
  ENDPOINTS.adminRevokeSession,
  {
    method: "POST",
    body: z.object({ userId: z.string().max(INPUT_LIMITS.token), sessionId: z.string().max(INPUT_LIMITS.token) }),
    requireHeaders: true,
  },
  async (ctx) => {
    const sessions = await ctx.context.internalAdapter.listSessions(ctx.body.userId);
    const target = sessions.find((session) => session.id === ctx.body.sessionId);
    if (!target) throw APIError.from("NOT_FOUND", { code: "SESSION_NOT_FOUND", message: "That session has already ended." });
    await ctx.context.internalAdapter.deleteSession(target.token);
    return ctx.json({ status: true });
  },
);

/** After better-auth's POST /admin/list-user-sessions: the same list without each session's token. */
export const withoutUserSessionTokens = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned as { sessions?: unknown } | undefined;
  if (!returned || !Array.isArray(returned.sessions)) return;
  return ctx.json({
    ...returned,
    sessions: returned.sessions.map((session: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(session).filter(([field]) => field !== "token")),
    ),
  });
});
