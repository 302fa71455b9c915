import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** The `before` cursor of an activity page's address (the last event id seen), or undefined for the newest page. */
export const activityCursor = (before: string | string[] | undefined) =>
  typeof before === "string" && /^\d{1,15}$/.test(before) ? Number(before) : undefined;

/** The links between an activity log's pages: back to the newest, and on to older events. */
export function ActivityPager({ path, cursor, nextBefore }: { path: string; cursor?: number; nextBefore: number | null }) {
  return (
    <div className="mt-4 flex gap-4 text-sm">
      {cursor && (
        <Link className={linkClass} href={path}>
          Newest events
        </Link>
      )}
      {nextBefore && (
        <Link className={linkClass} href={`${path}?before=${nextBefore}`}>
          Older events
        </Link>
      )}
    </div>
  );
}
