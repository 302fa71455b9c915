import "server-only";
import { shortIpAddress } from "@/lib/common/ip-address";
import { db, databaseProvider } from "@/lib/platform/db";
import { isAdmin, isAdminAccount } from "./roles";
import { holdsSecondFactor, type AdminRuleOptions } from "./rules";
import { isSuspended } from "./suspension";

/**
 * What the admin console's pages read (app/admin/), straight from the database: who may see them, the users table,
 * one user's page, and whose session an admin is viewing. The console's changes go through the admin endpoints
 * (./index.ts), so their rules hold for the pages as for any client.
 */

/** Users a page of the users table. */
const USERS_PAGE_SIZE = 25;

/** Search terms longer than this match no address or name anyway (addresses end at 254 characters). */
const SEARCH_MAX_LENGTH = 254;

type SessionUser = { id: string; email: string; role?: string | null; twoFactorEnabled?: boolean | null };

/** Whether this signed-in user may use the console: "admin", "needs-second-factor" (an admin without one), or "refused". */
export async function consoleAccess(user: SessionUser, options: AdminRuleOptions) {
  if (!isAdmin(user, options.adminEmails)) return "refused" as const;
  return (await holdsSecondFactor(user, options.secondFactors)) ? ("admin" as const) : ("needs-second-factor" as const);
}

/** The users table's search: its words as typed, trimmed, within the longest address. */
export const searchTerm = (value: unknown) => (typeof value === "string" ? value.trim().slice(0, SEARCH_MAX_LENGTH) : "");

/** A page number from a page's address: 1 unless it is a whole number from 1 up. */
export const pageNumber = (value: unknown) => (typeof value === "string" && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1);

/** A case-insensitive "contains" on both databases (SQLite's LIKE already ignores ASCII case; PostgreSQL needs the mode). */
const containing = (term: string) =>
  ({ contains: term, ...(databaseProvider === "postgresql" ? { mode: "insensitive" } : {}) }) as { contains: string };

/** The ways in an account holds besides email: a password, passkeys, the providers it is connected to. */
function heldMethods(accounts: { providerId: string }[], passkeys: number) {
  return {
    password: accounts.some((account) => account.providerId === "credential"),
    passkeys,
    providers: accounts.map((account) => account.providerId).filter((id) => id !== "credential"),
  };
}

/** One page of the users table, newest first, matching `search` in the address or the name. */
export async function usersPage({ search, page }: { search: string; page: number }, options: AdminRuleOptions) {
  const where = search ? { OR: [{ email: containing(search.toLowerCase()) }, { name: containing(search) }] } : {};
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        createdAt: true,
        lastSignInAt: true,
        twoFactorEnabled: true,
        banned: true,
        banExpires: true,
        accounts: { select: { providerId: true } },
        _count: { select: { passkeys: true } },
      },
    }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
    users: rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: row.createdAt,
      lastSignInAt: row.lastSignInAt,
      twoFactor: row.twoFactorEnabled,
      suspended: isSuspended(row),
      admin: isAdminAccount(row, options.adminEmails),
      ...heldMethods(row.accounts, row._count.passkeys),
    })),
  };
}
export type UserRow = Awaited<ReturnType<typeof usersPage>>["users"][number];

/** One user's page: the account, its live sessions (never their tokens), passkeys and connected providers. */
export async function userDetail(id: string, options: AdminRuleOptions) {
  const user = await db.user.findUnique({
    where: { id },
    include: {
      sessions: { where: { expiresAt: { gt: new Date() } }, orderBy: { updatedAt: "desc" } },
      accounts: { select: { providerId: true, accountId: true, createdAt: true } },
      passkeys: { select: { id: true, name: true, createdAt: true, deviceType: true }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    twoFactor: user.twoFactorEnabled,
    admin: isAdminAccount(user, options.adminEmails),
    suspension: isSuspended(user) ? { reason: user.banReason, until: user.banExpires } : null,
    sessions: user.sessions.map((session) => ({
      id: session.id,
      userAgent: session.userAgent,
      ipAddress: session.ipAddress ? shortIpAddress(session.ipAddress) : null,
      signedInAt: session.createdAt,
      lastActiveAt: session.updatedAt,
      method: session.signInMethod,
      impersonatedBy: session.impersonatedBy,
    })),
    passkeys: user.passkeys,
    providers: user.accounts.filter((account) => account.providerId !== "credential"),
    ways: heldMethods(user.accounts, user.passkeys.length),
  };
}

/** The addresses of these users by id (an activity list names the admins who acted), for those still here. */
export async function addressesOf(ids: Iterable<string>) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.email]));
}

/** For a session an admin opened as someone else: whose account it is and which admin is viewing it; else null. */
export async function impersonationOf(session: { userId: string; impersonatedBy?: string | null }) {
  if (!session.impersonatedBy) return null;
  const addresses = await addressesOf([session.userId, session.impersonatedBy]);
  return { user: addresses[session.userId] ?? "", admin: addresses[session.impersonatedBy] ?? "an admin" };
}
