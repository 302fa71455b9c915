import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth";

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
