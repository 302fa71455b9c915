import type { Metadata } from "next";
import { AccountSection } from "@/components/account/section";
import { methodSettings } from "@/components/admin/method-settings";
import { NeedsSecondFactor } from "@/components/admin/needs-second-factor";
import { UsersPager, UsersTable } from "@/components/admin/users-table";
import { Heading } from "@/components/ui/heading";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { pageNumber, searchTerm, usersPage } from "@/lib/admin";
import { requireAdminSession } from "@/lib/auth/session";
import { adminOptions } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Users" };

/** Every account, newest first, 25 a page; searched by address or name. */
export default async function AdminUsersPage({ searchParams }: PageProps<"/admin">) {
  const { access } = await requireAdminSession("/admin");
  if (access === "needs-second-factor") return <NeedsSecondFactor title="Admin" />;
  const params = await searchParams;
  const search = searchTerm(params.q);
  const page = pageNumber(params.page);
  const { users, total, pageCount } = await usersPage({ search, page }, adminOptions);
  const summary = search
    ? `${total} ${total === 1 ? "account matches" : "accounts match"} “${search}”`
    : `${total} ${total === 1 ? "account" : "accounts"}, newest first`;
  return (
    <>
      <Heading>Users</Heading>
      {params.deleted === "1" && <Alert tone="info">The account was deleted.</Alert>}
      <form method="get" action="/admin" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="user-search" className="block text-sm font-medium">
            Search by address or name
          </label>
          <input
            id="user-search"
            name="q"
            type="search"
            defaultValue={search}
            className="mt-1 block w-full rounded-md border border-zinc-400 bg-white px-3 py-2 text-base shadow-sm focus:border-accent focus:ring-1 focus:ring-accent focus:outline-none dark:border-zinc-600 dark:bg-zinc-950"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </form>
      <AccountSection id="users" title={summary}>
        {users.length === 0 ? (
          <p className="text-zinc-700 dark:text-zinc-300">{page > 1 ? "There are no users on this page." : "No account matches."}</p>
        ) : (
          <UsersTable users={users} settings={methodSettings} />
        )}
        <UsersPager search={search} page={Math.min(page, pageCount)} pageCount={pageCount} />
      </AccountSection>
    </>
  );
}
