import "server-only";
import { activityPage, ACTIVITY_EVENT_TYPES, type ActivityEventType, type ActivityWhere } from "@/lib/activity";
import { csvLine } from "@/lib/common/csv";
import { INVALID_EMAIL_MESSAGE, normalizeEmail } from "@/lib/common/email-address";
import { db } from "@/lib/platform/db";
import { addressesOf } from "./console";

/**
 * The console's activity across every account (app/admin/activity/): the filters read from a page's address, one
 * page of events with the addresses of whom each is about and of the admin who acted, and the same events as CSV.
 * The page and its export read the filters with the same function, so a link to one gives the other the same rows.
 */

/** Events a page of the console's activity. */
export const ADMIN_ACTIVITY_PAGE_SIZE = 25;

/** The most rows one export holds; past it the file says it was cut short (X-Truncated). */
export const ACTIVITY_EXPORT_MAX_ROWS = 10_000;

/** Rows read from the database at a time while exporting: one indexed range each, never the whole table at once. */
const EXPORT_BATCH = 1_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The filters as the form shows them again (trimmed, cut to a sane length): what the admin typed. */
export type ActivityFilterForm = { type: string; user: string; from: string; to: string };

export interface ActivityFilters {
  type: ActivityEventType | null;
  /** The normalised address whose account's events to show. */
  email: string | null;
  /** The first instant included (00:00 UTC of the "from" day). */
  from: Date | null;
  /** The first instant left out (00:00 UTC of the day after the "to" day). */
  until: Date | null;
}

export type ParsedActivityFilters = { form: ActivityFilterForm } & ({ filters: ActivityFilters; error?: undefined } | { error: string });

type Query = Record<string, string | string[] | undefined>;

const FILTER_MESSAGES = {
  type: "Choose an event type from the list.",
  date: "Enter dates as a day, like 2026-12-31.",
  order: "The “to” date is before the “from” date: swap them, or pick another day.",
} as const;

/** A "YYYY-MM-DD" day as 00:00 UTC, or null when it is not one (2026-02-30 is not). */
function utcDay(value: string): Date | null {
  const match = DATE_SHAPE.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

const text = (value: string | string[] | undefined, max: number) => (typeof value === "string" ? value.trim().slice(0, max) : "");

/**
 * The filters of a page's address (?type=&user=&from=&to=), each optional: an event type, an account's address
 * (exact, normalised), and a range of UTC days, both ends included. Anything else gets a message naming what to fix.
 */
export function activityFilters(query: Query): ParsedActivityFilters {
  const form = { type: text(query.type, 64), user: text(query.user, 320), from: text(query.from, 10), to: text(query.to, 10) };
  const repeated = ["type", "user", "from", "to"].find((name) => Array.isArray(query[name]));
  if (repeated) return { form, error: `Give “${repeated}” once.` };
  const type = form.type ? ACTIVITY_EVENT_TYPES.find((known) => known === form.type) : null;
  if (type === undefined) return { form, error: FILTER_MESSAGES.type };
  const email = form.user ? normalizeEmail(form.user) : null;
  if (form.user && !email) return { form, error: INVALID_EMAIL_MESSAGE };
  const from = form.from ? utcDay(form.from) : null;
  const to = form.to ? utcDay(form.to) : null;
  if ((form.from && !from) || (form.to && !to)) return { form, error: FILTER_MESSAGES.date };
  if (from && to && to < from) return { form, error: FILTER_MESSAGES.order };
  return { form, filters: { type, email, from, until: to && new Date(to.getTime() + DAY_MS) } };
}

/** The filters back as a query string (without the page's cursor): for the pager's links and the export's. */
export function filterQuery(form: ActivityFilterForm, extra: Record<string, string> = {}) {
  const entries = Object.entries({ ...form, ...extra }).filter(([, value]) => value !== "");
  return new URLSearchParams(entries).toString();
}

/** The database's narrowing for these filters; null when the address has no account (then nothing matches). */
async function whereOf({ type, email, from, until }: ActivityFilters): Promise<ActivityWhere | null> {
  let userId: string | undefined;
  if (email) {
    const user = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) return null;
    userId = user.id;
  }
  return {
    ...(type ? { type } : {}),
    ...(userId ? { userId } : {}),
    ...(from || until ? { createdAt: { ...(from ? { gte: from } : {}), ...(until ? { lt: until } : {}) } } : {}),
  };
}

/** The admin's id of an admin event (details.admin), if it has one. */
const adminIdIn = (details: Record<string, unknown>) => (typeof details.admin === "string" ? details.admin : null);

/** Events with the addresses of the accounts they are about and of the admins who acted (null for one gone). */
async function withAddresses<T extends { userId: string | null; details: Record<string, unknown> }>(events: T[]) {
  const ids = events.flatMap((event) => [event.userId, adminIdIn(event.details)]).filter((id): id is string => id !== null);
  const addresses: Record<string, string> = await addressesOf(ids);
  return events.map((event) => {
    const adminId = adminIdIn(event.details);
    return {
      ...event,
      userEmail: (event.userId && addresses[event.userId]) || null,
      admin: adminId ? { id: adminId, email: addresses[adminId] ?? null } : null,
    };
  });
}

/** One page of every account's events matching the filters, newest first; `noAccount` when the address has none. */
export async function adminActivityPage(filters: ActivityFilters, { before, pageSize = ADMIN_ACTIVITY_PAGE_SIZE }: { before?: number; pageSize?: number } = {}) {
  const where = await whereOf(filters);
  if (!where) return { noAccount: true, events: [], nextBefore: null };
  const { events, nextBefore } = await activityPage(where, { before, pageSize });
  return { noAccount: false, events: await withAddresses(events), nextBefore };
}
export type AdminActivityEvent = Awaited<ReturnType<typeof adminActivityPage>>["events"][number];

export const ACTIVITY_CSV_COLUMNS = ["id", "time", "type", "user id", "user email", "admin email", "ip", "user agent", "details"] as const;

/**
 * The events matching the filters as CSV (lib/common/csv.ts), newest first, read EXPORT_BATCH at a time by id; at
 * most `maxRows` (ACTIVITY_EXPORT_MAX_ROWS), `truncated` when more matched.
 */
export async function activityCsv(filters: ActivityFilters, maxRows = ACTIVITY_EXPORT_MAX_ROWS) {
  let csv = csvLine([...ACTIVITY_CSV_COLUMNS]);
  const where = await whereOf(filters);
  let rows = 0;
  let before: number | undefined;
  let more = where !== null;
  while (where && more && rows < maxRows) {
    const page = await activityPage(where, { before, pageSize: Math.min(EXPORT_BATCH, maxRows - rows) });
    for (const event of await withAddresses(page.events)) {
      csv += csvLine([
        event.id,
        event.createdAt.toISOString(),
        event.type,
        event.userId,
        event.userEmail,
        event.admin?.email,
        event.ipAddress,
        event.userAgent,
        JSON.stringify(event.details),
      ]);
    }
    rows += page.events.length;
    more = page.nextBefore !== null;
    before = page.nextBefore ?? undefined;
  }
  return { csv, rows, truncated: more };
}
