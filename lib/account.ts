import "server-only";
import type { BetterAuthPlugin, GenericEndpointContext } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware, getAuthoritativeSessionFromCtx } from "better-auth/api";
import { z } from "zod";
import PasswordChangedEmail, { passwordChangedSubject } from "@/emails/password-changed";
import { auditAccountUpdated, recordAuditEvent } from "@/lib/audit";
import { APP_NAME } from "@/lib/config";
import { INVALID_EMAIL_MESSAGE, normalizeEmail } from "@/lib/email-address";
import { EMAIL_CHANGED_URL, warnOwnerOfTakenAddress } from "@/lib/email-change";
import { sendEmail } from "@/lib/email";
import { INPUT_LIMITS } from "@/lib/input-limits";
import { describeError, logger } from "@/lib/log";
import { describeUserAgent } from "@/lib/user-agent";

/**
 * The signed-in account area's server side, as a better-auth plugin: the endpoints better-auth lacks (a
 * session list without tokens, revoking by id, setting a first password from the browser), the rules it does
 * not have (fresh sign-in for every sensitive change, a validated name), and the notices it does not send.
 */

/** A sign-in this recent counts as fresh (session.freshAge): older ones confirm with a new link first. */
export const SESSION_FRESH_AGE_SECONDS = 60 * 60;

/** The better-auth endpoints that change how someone gets into the account: they need a fresh sign-in. */
const FRESH_SIGN_IN_PATHS = new Set([
  "/change-password",
  "/change-email",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
]);

const SESSION_NOT_FRESH_MESSAGE = "For your security, confirm it's you with a new sign-in link first.";

type AuthoritativeSession = NonNullable<Awaited<ReturnType<typeof getAuthoritativeSessionFromCtx>>>;

export function isFresh(session: { createdAt: Date | string }) {
  return Date.now() - new Date(session.createdAt).getTime() < SESSION_FRESH_AGE_SECONDS * 1000;
}

function requireFresh(session: AuthoritativeSession) {
  if (!isFresh(session.session)) {
    throw APIError.from("FORBIDDEN", { code: "SESSION_NOT_FRESH", message: SESSION_NOT_FRESH_MESSAGE });
  }
}

/** The session of a request to an account endpoint, read from the database (never a cached cookie). */
async function requireSession(ctx: GenericEndpointContext, { fresh }: { fresh: boolean }) {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  if (!session) throw APIError.from("UNAUTHORIZED", { code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (fresh) requireFresh(session);
  return session;
}

// Letters, marks, digits, punctuation and spaces: no control or formatting characters (bidi overrides).
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A display name as stored: trimmed, 1 to INPUT_LIMITS.name characters of printable text. */
function validateName(input: unknown): { name: string } | { error: string } {
  if (typeof input !== "string") return { error: "Enter your name." };
  const name = input.normalize("NFC").trim().replace(/ {2,}/g, " ");
  if (!name) return { error: "Enter your name." };
  if (name.length > INPUT_LIMITS.name) return { error: `Names can be at most ${INPUT_LIMITS.name} characters.` };
  if (NAME_FORBIDDEN.test(name)) return { error: "Names can't contain line breaks or control characters." };
  return { name };
}

/** Only the name changes through /update-user, and only a valid one. */
const guardProfileUpdate = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const unknownField = Object.keys(body).find((field) => field !== "name");
  if (unknownField) {
    throw APIError.from("BAD_REQUEST", { code: "FIELD_NOT_EDITABLE", message: `${unknownField} can't be changed here.` });
  }
  const result = validateName(body.name);
  if ("error" in result) throw APIError.from("BAD_REQUEST", { code: "INVALID_NAME", message: result.error });
  return { context: { body: { name: result.name } } };
});

/** /change-email: one normalised address (not the current one), its owner warned if taken, landing on the profile. */
const guardEmailChange = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const newEmail = normalizeEmail(body.newEmail);
  if (!newEmail) throw APIError.from("BAD_REQUEST", { code: "INVALID_EMAIL", message: INVALID_EMAIL_MESSAGE });
  const session = await getAuthoritativeSessionFromCtx(ctx);
  // No session: the endpoint itself answers 401.
  if (!session) return;
  if (newEmail === session.user.email) {
    throw APIError.from("BAD_REQUEST", { code: "EMAIL_IS_THE_SAME", message: "That is already your sign-in email." });
  }
  await warnOwnerOfTakenAddress(newEmail, session.user.id);
  return { context: { body: { newEmail, callbackURL: EMAIL_CHANGED_URL } } };
});

/** Before a sensitive endpoint: a session, if any, must be fresh (without one, the endpoint answers 401). */
export const requireFreshSignIn = createAuthMiddleware(async (ctx) => {
  const session = await getAuthoritativeSessionFromCtx(ctx);
  // No session: the endpoint itself answers 401.
  if (session) requireFresh(session);
});

async function sendPasswordNotice(ctx: GenericEndpointContext, email: string, change: "set" | "changed" | "reset") {
  const resetUrl = new URL("/forgot-password", ctx.context.baseURL).toString();
  try {
    await sendEmail({
      to: email,
      subject: passwordChangedSubject(APP_NAME),
      react: PasswordChangedEmail({ appName: APP_NAME, change, resetUrl }),
    });
  } catch (error) {
    // The password has changed already: a lost notice must not turn that into an error on screen.
    logger.error(`Could not send a password notice: ${describeError(error)}`);
  }
}

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

export const accountPlugin = () =>
  ({
    id: "account",
    endpoints: {
      /** The signed-in user's active sessions, without their tokens (those are credentials). */
      listAccountSessions: createAuthEndpoint("/account/sessions", { method: "GET", requireHeaders: true }, async (ctx) => {
        const { session, user } = await requireSession(ctx, { fresh: true });
        const sessions = await ctx.context.internalAdapter.listSessions(user.id, { onlyActiveSessions: true });
        const now = new Date();
        const list: AccountSession[] = sessions
          .filter((row) => row.expiresAt > now)
          .sort((a, b) => Number(b.id === session.id) - Number(a.id === session.id) || +b.updatedAt - +a.updatedAt)
          .map((row) => ({
            id: row.id,
            ...describeUserAgent(row.userAgent),
            ipAddress: row.ipAddress ?? null,
            signedInAt: new Date(row.createdAt).toISOString(),
            lastActiveAt: new Date(row.updatedAt).toISOString(),
            method: (row as { signInMethod?: string | null }).signInMethod ?? null,
            current: row.id === session.id,
          }));
        return ctx.json(list);
      }),
      /** Signs one of the user's sessions out by its id. Another user's id is "not found", like an unknown one. */
      revokeAccountSession: createAuthEndpoint(
        "/account/revoke-session",
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
      ),
      /** A first password for an account that signs in with links (better-auth's setPassword is server-only). */
      setAccountPassword: createAuthEndpoint(
        "/account/set-password",
        { method: "POST", body: z.object({ newPassword: z.string() }), requireHeaders: true },
        async (ctx) => {
          const { user } = await requireSession(ctx, { fresh: true });
          const { auth } = await import("@/lib/auth");
          await auth.api.setPassword({ headers: ctx.headers!, body: { newPassword: ctx.body.newPassword } });
          await recordAuditEvent(ctx, { type: "password.set", userId: user.id });
          await sendPasswordNotice(ctx, user.email, "set");
          return ctx.json({ status: true });
        },
      ),
      /** Whether the signed-in user has a password, for the security page's form. */
      accountPasswordStatus: createAuthEndpoint("/account/password", { method: "GET", requireHeaders: true }, async (ctx) => {
        const { user } = await requireSession(ctx, { fresh: false });
        const account = await ctx.context.internalAdapter.findCredentialAccount(user.id);
        return ctx.json({ hasPassword: Boolean(account?.password) });
      }),
    },
    hooks: {
      before: [
        { matcher: (ctx) => FRESH_SIGN_IN_PATHS.has(ctx.path ?? ""), handler: requireFreshSignIn },
        { matcher: (ctx) => ctx.path === "/update-user", handler: guardProfileUpdate },
        { matcher: (ctx) => ctx.path === "/change-email", handler: guardEmailChange },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/delete-user",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = (ctx.context as { returned?: unknown }).returned as { message?: string } | undefined;
            // Nothing of the user is kept, their id included: the event says an account went, and from where.
            if (returned?.message === "User deleted") await recordAuditEvent(ctx, { type: "account.deleted" });
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/change-password",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            if (ctx.context.session && !(returned instanceof APIError)) {
              await sendPasswordNotice(ctx, ctx.context.session.user.email, "changed");
            }
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;

/** databaseHooks.account.update.after: a reset link set a new password. The owner hears of it by email. */
export async function afterAccountUpdate(account: { userId: string }, ctx: GenericEndpointContext | null) {
  await auditAccountUpdated(account, ctx);
  if (ctx?.path !== "/reset-password") return;
  const user = await ctx.context.internalAdapter.findUserById(account.userId);
  if (user) await sendPasswordNotice(ctx, user.email, "reset");
}
