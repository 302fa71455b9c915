import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** The `before` cursor of an activity page's address (the last event id seen), or undefined for the newest page. */
export const activityCursor = (before: string | string[] | undefined) =>
  typeof before === "string" && /^\d{1,15}$/.test(before) ? Number(before) : undefined;

/**
 * The links between an activity log's pages: back to the newest, and on to older events. `query` (a filtered log's
 * "type=…&user=…") stays in both links.
 */
export function ActivityPager({ path, cursor, nextBefore, query = "" }: { path: string; cursor?: number; nextBefore: number | null; query?: string }) {
  const withQuery = (extra: string) => `${path}?${[query, extra].filter(Boolean).join("&")}`.replace(/\?$/, "");
  return (
    <div className="mt-4 flex gap-4 text-sm">
      {cursor && (
        <Link className={linkClass} href={withQuery("")}>
          Newest events
        </Link>
      )}
      {nextBefore && (
        <Link className={linkClass} href={withQuery(`before=${nextBefore}`)}>
          Older events
        </Link>
      )}
    </div>
  );
}
