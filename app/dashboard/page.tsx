import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { SignOutButton } from "@/components/site/sign-out-button";
import { Heading } from "@/components/ui/heading";
import { linkClass } from "@/components/ui/styles";
import { getCurrentSession } from "@/lib/auth/session";
import { authFeatures } from "@/lib/auth/settings";
import { activeMembershipOf, activeOrganizationIdOf } from "@/lib/organizations";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // The same check as GET /api/auth/get-session: while the signed session cookie is fresh (SESSION_CACHE_SECONDS)
  // it answers from the cookie, without a database round trip.
  const session = await getCurrentSession();
  if (!session) redirect(`/sign-in?${new URLSearchParams({ callbackURL: "/dashboard" })}`);
  const { user } = session;
  // Membership is read from the database: someone removed from an organization no longer sees it here.
  const active = await activeMembershipOf(user.id, activeOrganizationIdOf(session.session));
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-12">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0 wrap-anywhere">
          <Heading>Dashboard</Heading>
          <p className="-mt-4 text-zinc-700 dark:text-zinc-300">Welcome{user.name ? `, ${user.name}` : ""}.</p>
        </div>
        <div className="w-32 shrink-0">
          <SignOutButton />
        </div>
      </div>
      <section
        aria-labelledby="account-heading"
        className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="account-heading" className="text-lg font-semibold">
          Your account
        </h2>
        <dl className="mt-4 grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm wrap-anywhere">
          <dt className="text-zinc-700 dark:text-zinc-300">Email</dt>
          <dd data-testid="user-email">{user.email}</dd>
          <dt className="text-zinc-700 dark:text-zinc-300">Name</dt>
          <dd>{user.name || "—"}</dd>
          <dt className="text-zinc-700 dark:text-zinc-300">Email confirmed</dt>
          <dd>{user.emailVerified ? "Yes" : "No"}</dd>
          <dt className="text-zinc-700 dark:text-zinc-300">Member since</dt>
          <dd>{user.createdAt.toLocaleDateString("en", { dateStyle: "long" })}</dd>
        </dl>
        <p className="mt-6 text-sm">
          <Link className={linkClass} href="/account">
            Manage your account
          </Link>{" "}
          <span className="text-zinc-700 dark:text-zinc-300">
            ({authFeatures.password ? "name, password, sessions, recent activity" : "name, sessions, recent activity"})
          </span>
        </p>
      </section>
      <section
        aria-labelledby="organization-heading"
        className="mt-6 rounded-xl border border-zinc-200 bg-white p-6 wrap-anywhere dark:border-zinc-800 dark:bg-zinc-900"
        data-testid="dashboard-organization"
      >
        <h2 id="organization-heading" className="text-lg font-semibold">
          Organization
        </h2>
        {active ? (
          <p className="mt-4 text-sm">
            <strong>{active.organization.name}</strong>{" "}
            <span className="text-zinc-700 dark:text-zinc-300">
              · {active.membersCount} {active.membersCount === 1 ? "member" : "members"} · you are {active.role}
            </span>{" "}
            <Link className={linkClass} href="/organization">
              Open
            </Link>
          </p>
        ) : (
          <p className="mt-4 text-sm text-zinc-700 dark:text-zinc-300">
            None open.{" "}
            <Link className={linkClass} href="/organization">
              Choose or create one
            </Link>
            , or ask to be invited.
          </p>
        )}
      </section>
    </main>
  );
}
