import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { auth } from "@/lib/auth";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) redirect(`/sign-in?${new URLSearchParams({ callbackURL: "/dashboard" })}`);
  const { user } = session;
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
        <SignOutButton />
      </div>
      <section className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Signed in as</p>
        <p className="mt-1 text-lg font-medium" data-testid="user-email">
          {user.email}
        </p>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">Name</dt>
          <dd>{user.name || "—"}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Email verified</dt>
          <dd>{user.emailVerified ? "Yes" : "No"}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Member since</dt>
          <dd>{user.createdAt.toLocaleDateString("en", { dateStyle: "long" })}</dd>
        </dl>
      </section>
    </main>
  );
}
