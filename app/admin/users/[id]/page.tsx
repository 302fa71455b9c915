import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActivityList, describeEvent } from "@/components/account/activity-list";
import { ActivityPager, activityCursor } from "@/components/account/activity-pager";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { AccountSection } from "@/components/account/section";
import { SessionList } from "@/components/account/session-list";
import { dateOnly, dateTime, signInMethods } from "@/components/admin/format";
import { methodSettings } from "@/components/admin/method-settings";
import { NeedsSecondFactor } from "@/components/admin/needs-second-factor";
import { DeleteUser, Impersonate, LiftSuspension, SuspendForm } from "@/components/admin/user-actions";
import { Heading } from "@/components/ui/heading";
import { isFresh } from "@/lib/account";
import { listActivity } from "@/lib/activity";
import { addressesOf, userDetail } from "@/lib/admin";
import { requireAdminSession } from "@/lib/auth/session";
import { adminOptions } from "@/lib/auth/settings";
import { maskEmail } from "@/lib/common/email-address";
import { describeUserAgent } from "@/lib/common/user-agent";

export const metadata: Metadata = { title: "User" };

const muted = "text-sm text-zinc-700 dark:text-zinc-300";

/** One account in the admin console: what it is, where it is signed in, what happened to it, and the actions on it. */
export default async function AdminUserPage({ params, searchParams }: PageProps<"/admin/users/[id]">) {
  const { id } = await params;
  const path = `/admin/users/${encodeURIComponent(id)}`;
  const { user: admin, session, access } = await requireAdminSession(path);
  if (access === "needs-second-factor") return <NeedsSecondFactor title="Admin" />;
  const user = await userDetail(id, adminOptions);
  if (!user) notFound();
  const cursor = activityCursor((await searchParams).before);
  const { events, nextBefore } = await listActivity(user.id, { before: cursor });
  const admins = await addressesOf(events.flatMap((event) => (typeof event.details.admin === "string" ? [event.details.admin] : [])));
  const fresh = isFresh(session);
  // The rules refuse these too (ADMIN_CANNOT_TARGET_SELF / _ADMIN); the page does not offer them.
  const protectedAccount = user.id === admin.id ? "This is your own account: manage it in the account area." : user.admin ? "This is an admin account (ADMIN_EMAILS): the console does not act on admins. Change that list instead." : null;
  const canAct = !protectedAccount && fresh;
  const facts: [string, string][] = [
    ["Name", user.name || "None given"],
    ["Address", user.emailVerified ? "Confirmed" : "Not confirmed yet"],
    ["Created", dateTime(user.createdAt)],
    ["Last sign-in", user.lastSignInAt ? dateTime(user.lastSignInAt) : "Never"],
    ["Ways in", signInMethods(user.ways, methodSettings).join(", ")],
    ["Two-factor", user.twoFactor ? "On" : "Off"],
    ["Status", user.suspension ? "Suspended" : "Active"],
    ["User id", user.id],
  ];
  return (
    <>
      <div className="wrap-anywhere">
        <Heading>{user.email}</Heading>
      </div>
      <AccountSection id="account" title="Account">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]" data-testid="user-facts">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium max-sm:mt-2">{term}</dt>
              <dd className="text-zinc-700 dark:text-zinc-300">{value}</dd>
            </div>
          ))}
        </dl>
      </AccountSection>

      <AccountSection id="actions" title="Actions">
        {protectedAccount ? (
          <p className={muted} data-testid="protected-account">
            {protectedAccount}
          </p>
        ) : !fresh ? (
          <FreshSignIn email={admin.email} maskedEmail={maskEmail(admin.email)} callbackURL={path} />
        ) : (
          <div className="space-y-8">
            {user.suspension ? (
              <div className="space-y-2" data-testid="suspension">
                <h3 className="font-semibold">Suspended</h3>
                <p className={muted}>
                  {user.suspension.reason ? `Reason: ${user.suspension.reason}. ` : "No reason given. "}
                  {user.suspension.until ? `Ends ${dateTime(user.suspension.until)}.` : "Until lifted."}
                </p>
                <LiftSuspension userId={user.id} />
              </div>
            ) : (
              <div>
                <h3 className="mb-2 font-semibold">Suspend</h3>
                <SuspendForm userId={user.id} email={user.email} />
              </div>
            )}
            {!user.suspension && (
              <div>
                <h3 className="mb-2 font-semibold">Sign in as this user</h3>
                <Impersonate userId={user.id} email={user.email} />
              </div>
            )}
            <div>
              <h3 className="mb-2 font-semibold">Delete</h3>
              <DeleteUser userId={user.id} email={user.email} />
            </div>
          </div>
        )}
      </AccountSection>

      <AccountSection id="sessions" title="Sessions">
        <SessionList
          ofUser={user.id}
          canRevoke={canAct}
          providerNames={methodSettings.providerNames}
          sessions={user.sessions.map((row) => ({
            id: row.id,
            ...describeUserAgent(row.userAgent),
            ipAddress: row.ipAddress,
            signedInAt: row.signedInAt.toISOString(),
            lastActiveAt: row.lastActiveAt.toISOString(),
            method: row.method,
            current: false,
            badge: row.impersonatedBy ? "Opened by an admin" : undefined,
          }))}
        />
      </AccountSection>

      <AccountSection id="passkeys" title="Passkeys and connected accounts">
        {user.passkeys.length === 0 && user.providers.length === 0 ? (
          <p className={muted}>None.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="credentials">
            {user.passkeys.map((passkey) => (
              <li key={passkey.id} className="py-2">
                Passkey: {passkey.name || "Unnamed"}
                <span className={muted}>{passkey.createdAt && `, added ${dateOnly(passkey.createdAt)}`}</span>
              </li>
            ))}
            {user.providers.map((provider) => (
              <li key={`${provider.providerId}:${provider.accountId}`} className="py-2">
                {methodSettings.providerNames[provider.providerId] ?? provider.providerId}
                <span className={muted}>, connected {dateOnly(provider.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </AccountSection>

      <AccountSection id="activity" title={cursor ? "Older activity" : "Activity, newest first"}>
        <ActivityList
          events={events}
          describe={(event) => {
            const text = describeEvent(event.type, event.details, methodSettings.providerNames);
            const by = typeof event.details.admin === "string" ? admins[event.details.admin] : undefined;
            return by ? `${text} (${by})` : text;
          }}
        />
        <ActivityPager path={path} cursor={cursor} nextBefore={nextBefore} />
      </AccountSection>
    </>
  );
}
