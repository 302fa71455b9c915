import type { Metadata } from "next";
import Link from "next/link";
import { ActivityList } from "@/components/account/activity-list";
import { AccountSection } from "@/components/account/section";
import { Heading } from "@/components/ui/heading";
import { linkClass } from "@/components/ui/styles";
import { listActivity } from "@/lib/activity";
import { requireAccountSession } from "@/lib/auth/session";
import { socialProviders } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Recent activity" };

export default async function ActivityPage({ searchParams }: PageProps<"/account/activity">) {
  const { user } = await requireAccountSession("/account/activity");
  const { before } = await searchParams;
  const cursor = typeof before === "string" && /^\d{1,15}$/.test(before) ? Number(before) : undefined;
  const { events, nextBefore } = await listActivity(user.id, { before: cursor });
  return (
    <>
      <Heading>Recent activity</Heading>
      <AccountSection id="activity" title={cursor ? "Older security events" : "Security events, newest first"}>
        <ActivityList events={events} providerNames={Object.fromEntries(socialProviders.map(({ id, name }) => [id, name]))} />
        <div className="mt-4 flex gap-4 text-sm">
          {cursor && (
            <Link className={linkClass} href="/account/activity">
              Newest events
            </Link>
          )}
          {nextBefore && (
            <Link className={linkClass} href={`/account/activity?before=${nextBefore}`}>
              Older events
            </Link>
          )}
        </div>
      </AccountSection>
    </>
  );
}
