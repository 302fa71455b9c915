import type { Metadata } from "next";
import { activityCursor, ActivityPager } from "@/components/account/activity-pager";
import { AccountSection } from "@/components/account/section";
import { ActivityFiltersForm, AdminActivityList } from "@/components/admin/activity";
import { NeedsSecondFactor } from "@/components/admin/needs-second-factor";
import { Alert } from "@/components/ui/alert";
import { Heading } from "@/components/ui/heading";
import { linkClass } from "@/components/ui/styles";
import { ACTIVITY_EVENT_TYPES } from "@/lib/activity";
import { activityFilters, adminActivityPage, ACTIVITY_EXPORT_MAX_ROWS, filterQuery } from "@/lib/admin";
import { requireAdminSession } from "@/lib/auth/session";
import { socialProviders } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Activity · Admin" };

/** Every account's events, newest first, paged by id, filtered by type, account and UTC days; exported as CSV. */
export default async function AdminActivityPage({ searchParams }: PageProps<"/admin/activity">) {
  const { access } = await requireAdminSession("/admin/activity");
  if (access === "needs-second-factor") return <NeedsSecondFactor title="Activity" />;
  const query = await searchParams;
  const parsed = activityFilters(query);
  const cursor = activityCursor(query.before);
  const page = parsed.error === undefined ? await adminActivityPage(parsed.filters, { before: cursor }) : null;
  const filters = filterQuery(parsed.form);
  return (
    <>
      <Heading>Activity</Heading>
      <AccountSection id="filters" title="Filters">
        {parsed.error !== undefined && <Alert>{parsed.error}</Alert>}
        <ActivityFiltersForm form={parsed.form} types={ACTIVITY_EVENT_TYPES} />
      </AccountSection>
      {page && (
        <AccountSection id="activity" title={cursor ? "Older events" : "Events, newest first"}>
          {page.noAccount ? (
            <p className="text-zinc-700 dark:text-zinc-300" data-testid="no-account">
              No account has that address.
            </p>
          ) : (
            <>
              <p className="mb-4 text-sm">
                <a className={linkClass} href={`/admin/activity/export${filters ? `?${filters}` : ""}`} download>
                  Export as CSV
                </a>{" "}
                <span className="text-zinc-700 dark:text-zinc-300">
                  (every event these filters match, newest first, up to {ACTIVITY_EXPORT_MAX_ROWS.toLocaleString("en")})
                </span>
              </p>
              <AdminActivityList events={page.events} providerNames={Object.fromEntries(socialProviders.map(({ id, name }) => [id, name]))} />
              <ActivityPager path="/admin/activity" query={filters} cursor={cursor} nextBefore={page.nextBefore} />
            </>
          )}
        </AccountSection>
      )}
    </>
  );
}
