import type { Metadata } from "next";
import { ActivityList } from "@/components/account/activity-list";
import { ActivityPager, activityCursor } from "@/components/account/activity-pager";
import { AccountSection } from "@/components/account/section";
import { Heading } from "@/components/ui/heading";
import { listActivity } from "@/lib/activity";
import { requireAccountSession } from "@/lib/auth/session";
import { socialProviders } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Recent activity" };

export default async function ActivityPage({ searchParams }: PageProps<"/account/activity">) {
  const { user } = await requireAccountSession("/account/activity");
  const { before } = await searchParams;
  const cursor = activityCursor(before);
  const { events, nextBefore } = await listActivity(user.id, { before: cursor });
  return (
    <>
      <Heading>Recent activity</Heading>
      <AccountSection id="activity" title={cursor ? "Older security events" : "Security events, newest first"}>
        <ActivityList events={events} providerNames={Object.fromEntries(socialProviders.map(({ id, name }) => [id, name]))} />
        <ActivityPager path="/account/activity" cursor={cursor} nextBefore={nextBefore} />
      </AccountSection>
    </>
  );
}
