import "server-only";
import { APIError, createAuthEndpoint, createAuthMiddleware } from "better-auth/api";
import { z } from "zod";
import { shortIpAddress } from "@/lib/common/ip-address";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { ENDPOINTS } from "@/lib/common/paths";
import { describeUserAgent } from "@/lib/common/user-agent";
import { requireSession } from "./fresh-sign-in";

/** One of the user's sessions as the account area shows it: never its token (that is a credential). */
export interface AccountSession {
  id: string;
  browser: string | null;
  os: string | null;
  ipAddress: string | null;
  signedInAt: string;
  lastActiveAt: string;
  method: string | null;
  current: boolean;
}

/** GET /account/sessions: the signed-in user's active sessions, without their tokens. */
export const listAccountSessions = createAuthEndpoint(ENDPOINTS.accountSessions, { method: "GET", requireHeaders: true }, async (ctx) => {
  const { session, user } = await requireSession(ctx, { fresh: true });
  const sessions = await ctx.context.internalAdapter.listSessions(user.id, { onlyActiveSessions: true });
  const now = new Date();
  const list: AccountSession[] = sessions
    .filter((row) => row.expiresAt > now)
    .sort((a, b) => Number(b.id === session.id) - Number(a.id === session.id) || +b.updatedAt - +a.updatedAt)
    .map((row) => ({
      id: row.id,
      ...describeUserAgent(row.userAgent),
      // In its short form, also for sessions stored before addresses were (better-auth writes IPv6 in full).
      ipAddress: row.ipAddress ? shortIpAddress(row.ipAddress) : null,
      signedInAt: new Date(row.createdAt).toISOString(),
      lastActiveAt: new Date(row.updatedAt).toISOString(),
      method: (row as { signInMethod?: string | null }).signInMethod ?? null,
      current: row.id === session.id,
    }));
  return ctx.json(list);
});

/** POST /account/revoke-session: signs one of the user's sessions out by its id. Another user's id is "not found". */
export const revokeAccountSession = createAuthEndpoint(
  ENDPOINTS.accountRevokeSession,
  { method: "POST", body: z.object({ id: z.string().max(INPUT_LIMITS.token) }), requireHeaders: true },
  async (ctx) => {
    const { session, user } = await requireSession(ctx, { fresh: true });
    const target = (await ctx.context.internalAdapter.listSessions(user.id)).find((row) => row.id === ctx.body.id);
    if (!target) {
      throw APIError.from("NOT_FOUND", { code: "SESSION_NOT_FOUND", message: "That session has already ended." });
    }
    await ctx.context.internalAdapter.deleteSession(target.token);
    if (target.id === session.id) {
      const { deleteSessionCookie } = await import("better-auth/cookies");
      deleteSessionCookie(ctx);
    }
    return ctx.json({ status: true });
  },
);

/**
 * After better-auth's own GET /list-sessions (the official client's listSessions): the same list without each
 * session's token, which is a credential: whoever reads it can use that session. Sign one out by its id
 * (POST /account/revoke-session) or all the others (POST /revoke-other-sessions).
 */
export const withoutSessionTokens = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  if (!Array.isArray(returned)) return;
  return ctx.json(returned.map((session: Record<string, unknown>) => Object.fromEntries(Object.entries(session).filter(([field]) => field !== "token"))));
});
