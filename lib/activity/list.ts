import "server-only";
import { shortIpAddress } from "@/lib/common/ip-address";
import { db } from "@/lib/platform/db";
import type { ActivityDetails } from "./record";

type Page = { before?: number; pageSize?: number };

/**
 * Which events a page holds: a user's, an organization's, or (the admin console) any narrowed by type and time. A
 * user, an organization and a type each have an index ending in id, so their pages walk one index range newest
 * first; a time range alone uses the createdAt index (npm run bench:admin times each).
 */
export type ActivityWhere = {
  userId?: string;
  organizationId?: string;
  type?: string;
  createdAt?: { gte?: Date; lt?: Date };
};

/** One page of a user's events, newest first (the account area's Activity page). Pass the last id seen as `before`. */
export const listActivity = (userId: string, page: Page = {}) => activityPage({ userId }, page);

/** One page of the events matching `where`, newest first. */
export async function activityPage(where: ActivityWhere, { before, pageSize = 20 }: Page = {}) {
  const rows = await db.activityEvent.findMany({
    where: { ...where, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: pageSize + 1,
  });
  return {
    // Addresses in their short form, also those of events stored before they were.
    events: rows.slice(0, pageSize).map((row) => ({
      ...row,
      ipAddress: row.ipAddress && shortIpAddress(row.ipAddress),
      details: parseDetails(row.details),
    })),
    nextBefore: rows.length > pageSize ? rows[pageSize - 1].id : null,
  };
}

function parseDetails(json: string): ActivityDetails {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" ? (value as ActivityDetails) : {};
  } catch {
    return {};
  }
}
