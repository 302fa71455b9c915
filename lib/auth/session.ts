import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { consoleAccess } from "@/lib/admin";
import { auth } from "@/lib/auth";
import { adminOptions } from "./settings";

/** This request's session (or null), read once however many server components ask: the header, the page. */
export const getCurrentSession = cache(async () => auth.api.getSession({ headers: await headers() }));

/**
 * The session for the account pages: always read from the database, never from a cached cookie, so a session
 * revoked elsewhere is refused on its very next request even where session.cookieCache is on.
 */
export const getAccountSession = cache(async () =>
  auth.api.getSession({ headers: await headers(), query: { disableCookieCache: true } }),
);

/** The account page's session, or a redirect to sign in that comes back to `path`. */
export async function requireAccountSession(path: string) {
  const session = await getAccountSession();
  if (!session) redirect(`/sign-in?${new URLSearchParams({ callbackURL: path })}`);
  return session;
}

/**
 * An admin console page's session: signed out, a redirect to sign in that comes back to `path`; not an admin
 * (ADMIN_EMAILS), 403 (app/forbidden.tsx), never the page. `access` is "needs-second-factor" for an admin who holds
 * none yet: the page says how to add one instead of showing anything.
 */
export async function requireAdminSession(path: string) {
  const session = await requireAccountSession(path);
  const access = await consoleAccess(session.user, adminOptions);
  if (access === "refused") forbidden();
  return { ...session, access };
}
