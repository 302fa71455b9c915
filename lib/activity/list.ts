import "server-only";
import { shortIpAddress } from "@/lib/common/ip-address";
import { db } from "@/lib/platform/db";
import type { ActivityDetails } from "./record";

type Page = { before?: number; pageSize?: number };

/** One page of a user's events, newest first (the account area's Activity page). Pass the last id seen as `before`. */
export const listActivity = (userId: string, page: Page = {}) => activityPage({ userId }, page);

/** One page of the events of a user or an organization, newest first. */
export async function activityPage(where: { userId: string } | { organizationId: string }, { before, pageSize = 20 }: Page = {}) {
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
