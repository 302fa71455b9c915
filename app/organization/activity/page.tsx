import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActivityList } from "@/components/account/activity-list";
import { ActivityPager, activityCursor } from "@/components/account/activity-pager";
import { AccountSection } from "@/components/account/section";
import { describeOrganizationEvent } from "@/components/organizations/activity";
import { OrganizationNav } from "@/components/organizations/nav";
import { Heading } from "@/components/ui/heading";
import { requireAccountSession } from "@/lib/auth/session";
import { canManageMembers } from "@/lib/common/organizations";
import { activeMembershipOf, activeOrganizationIdOf, listOrganizationActivity } from "@/lib/organizations";

export const metadata: Metadata = { title: "Organization activity" };

/** The active organization's events, newest first, paged: for its owners and admins. */
export default async function OrganizationActivityPage({ searchParams }: PageProps<"/organization/activity">) {
  const { user, session } = await requireAccountSession("/organization/activity");
  const active = await activeMembershipOf(user.id, activeOrganizationIdOf(session));
  if (!active) redirect("/organization");
  const { organization, role } = active;
  if (!canManageMembers(role)) {
    return (
      <>
        <Heading>{organization.name}</Heading>
        <OrganizationNav showActivity={false} />
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="activity-refused">
          Only the organization&apos;s owners and admins see its activity.
        </p>
      </>
    );
  }
  const { before } = await searchParams;
  const cursor = activityCursor(before);
  const { events, nextBefore } = await listOrganizationActivity(organization.id, { before: cursor });
  return (
    <>
      <Heading>{organization.name}</Heading>
      <OrganizationNav showActivity />
      <AccountSection id="activity" title={cursor ? "Older events" : "Events, newest first"}>
        <ActivityList events={events} describe={(event) => describeOrganizationEvent(event as (typeof events)[number])} />
        <ActivityPager path="/organization/activity" cursor={cursor} nextBefore={nextBefore} />
      </AccountSection>
    </>
  );
}
