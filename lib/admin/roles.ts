import "server-only";
import { db } from "@/lib/platform/db";

/**
 * Who is an admin: an address listed in ADMIN_EMAILS. The role is written at each sign-in (a session create hook),
 * so the list decides: an address added gets it at its next sign-in, one removed loses it at its next sign-in, and
 * until then its admin requests are already refused (isAdmin reads the list as well as the role).
 */

const ADMIN_ROLE = "admin";
export const USER_ROLE = "user";

type RoleHolder = { email: string; role?: string | null };

const hasAdminRole = (user: RoleHolder) => (user.role ?? USER_ROLE).split(",").includes(ADMIN_ROLE);

/** Whether this user may use the admin endpoints now: the admin role, and an address still in ADMIN_EMAILS. */
export const isAdmin = (user: RoleHolder, adminEmails: ReadonlySet<string>) => hasAdminRole(user) && adminEmails.has(user.email);

/** Whether an admin must leave this account alone: it holds the role, or its address is listed (it gets it at sign-in). */
export const isAdminAccount = (user: RoleHolder, adminEmails: ReadonlySet<string>) => hasAdminRole(user) || adminEmails.has(user.email);

/** databaseHooks.session.create.before: the signing-in user's role, as ADMIN_EMAILS says it now. */
export async function settleRole(userId: string, adminEmails: ReadonlySet<string>) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
  if (!user) return;
  const role = adminEmails.has(user.email) ? ADMIN_ROLE : USER_ROLE;
  if (user.role !== role) await db.user.update({ where: { id: userId }, data: { role } });
}
