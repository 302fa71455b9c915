import Link from "next/link";
import type { UserRow } from "@/lib/admin";
import { linkClass } from "@/components/ui/styles";
import { dateOnly, signInMethods, type MethodSettings } from "./format";

const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium";
const BADGES = {
  suspended: `${badge} bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200`,
  admin: `${badge} bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100`,
};

/**
 * The users table. From the md breakpoint a table; narrower, each row is a block whose cells carry their column's
 * name, so a 64-character address still reads on a phone without sideways scrolling.
 */
export function UsersTable({ users, settings }: { users: UserRow[]; settings: MethodSettings }) {
  const cell = "py-2 pr-4 align-top max-md:flex max-md:gap-2 max-md:py-0.5 max-md:before:w-28 max-md:before:shrink-0 max-md:before:font-medium max-md:before:content-[attr(data-label)]";
  return (
    <table className="w-full text-left text-sm max-md:block" data-testid="users">
      {/* Narrower than md, each cell names its column itself (data-label). */}
      <thead className="border-b border-zinc-200 max-md:hidden dark:border-zinc-800">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">Address and name</th>
          <th scope="col" className="py-2 pr-4 font-medium">Created</th>
          <th scope="col" className="py-2 pr-4 font-medium">Last sign-in</th>
          <th scope="col" className="py-2 pr-4 font-medium">Ways in</th>
          <th scope="col" className="py-2 pr-4 font-medium">Two-factor</th>
          <th scope="col" className="py-2 font-medium">Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 max-md:block dark:divide-zinc-800">
        {users.map((user) => (
          <tr key={user.id} className="max-md:block max-md:py-3" data-testid="user-row">
            <td className="py-2 pr-4 align-top wrap-anywhere max-md:block">
              <Link className={linkClass} href={`/admin/users/${encodeURIComponent(user.id)}`}>
                {user.email}
              </Link>
              {user.name && <p className="text-zinc-700 dark:text-zinc-300">{user.name}</p>}
            </td>
            <td className={cell} data-label="Created">{dateOnly(user.createdAt)}</td>
            <td className={cell} data-label="Last sign-in">{user.lastSignInAt ? dateOnly(user.lastSignInAt) : "Never"}</td>
            <td className={cell} data-label="Ways in">{signInMethods(user, settings).join(", ")}</td>
            <td className={cell} data-label="Two-factor">{user.twoFactor ? "On" : "Off"}</td>
            <td className={`${cell} pr-0`} data-label="Status">
              <span className="flex flex-wrap gap-1">
                {user.suspended ? <span className={BADGES.suspended}>Suspended</span> : "Active"}
                {user.admin && <span className={BADGES.admin}>Admin</span>}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The links between the users table's pages, keeping the search. */
export function UsersPager({ search, page, pageCount }: { search: string; page: number; pageCount: number }) {
  const href = (to: number) => `/admin?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(to > 1 ? { page: String(to) } : {}) })}`;
  return (
    <nav aria-label="Pages of users" className="mt-4 flex flex-wrap items-center gap-4 text-sm">
      <span>
        Page {page} of {pageCount}
      </span>
      {page > 1 && (
        <Link className={linkClass} href={href(page - 1)}>
          Newer users
        </Link>
      )}
      {page < pageCount && (
        <Link className={linkClass} href={href(page + 1)}>
          Older users
        </Link>
      )}
    </nav>
  );
}
