import Link from "next/link";
import { describeEvent, EventOrigin, type ProviderNames } from "@/components/account/activity-list";
import { describeOrganizationEvent } from "@/components/organizations/activity";
import { buttonClass, linkClass } from "@/components/ui/styles";
import type { ActivityFilterForm, AdminActivityEvent } from "@/lib/admin";

/**
 * The console's activity across every account: the filters (a plain GET form: it works without JavaScript, and its
 * address is the export's), and the events, each naming the account it is about and, for an admin action, the
 * admin. Addresses show whole: only admins see this page.
 */

const fieldClass =
  "mt-1 block w-full rounded-md border border-zinc-400 bg-white px-3 py-2 text-base shadow-sm focus:border-accent focus:ring-1 focus:ring-accent focus:outline-none dark:border-zinc-600 dark:bg-zinc-950";

const ORGANIZATION_TYPES = /^(organization|member|invitation)\./;

export function ActivityFiltersForm({ form, types }: { form: ActivityFilterForm; types: readonly string[] }) {
  return (
    <form method="get" action="/admin/activity" className="grid gap-4 sm:grid-cols-2" aria-label="Filter the activity">
      <label className="block text-sm font-medium">
        Event type
        <select name="type" defaultValue={form.type} className={fieldClass}>
          <option value="">Any type</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        Account&apos;s email
        <input name="user" type="email" defaultValue={form.user} placeholder="name@example.com" className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        From (UTC day)
        <input name="from" type="date" defaultValue={form.from} className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        To (UTC day, included)
        <input name="to" type="date" defaultValue={form.to} className={fieldClass} />
      </label>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <button type="submit" className={buttonClass()}>
          Show events
        </button>
        <Link className={linkClass} href="/admin/activity">
          Clear the filters
        </Link>
      </div>
    </form>
  );
}

/** Events about an account that is gone by the time they are written: they carry no account id. */
const DELETION_EVENTS: ReadonlySet<string> = new Set(["account.deleted", "admin.user_deleted"]);

/**
 * Who an event is about: the account's address, to its page; that it is gone; or no account at all (a link sent to
 * a new address, a failed sign-in with an unknown one).
 */
function About({ event }: { event: AdminActivityEvent }) {
  if (event.userId ? !event.userEmail : DELETION_EVENTS.has(event.type)) return <span data-testid="event-user">A deleted account</span>;
  if (!event.userId) return <span data-testid="event-user">no account</span>;
  return (
    <Link className={linkClass} href={`/admin/users/${encodeURIComponent(event.userId)}`} data-testid="event-user">
      {event.userEmail}
    </Link>
  );
}

export function AdminActivityList({ events, providerNames }: { events: AdminActivityEvent[]; providerNames: ProviderNames }) {
  if (events.length === 0) return <p className="text-zinc-700 dark:text-zinc-300">No events match.</p>;
  return (
    <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="activity">
      {events.map((event) => (
        <li key={event.id} className="py-3 text-sm" data-event={event.type} data-event-id={event.id}>
          <p className="font-medium">
            {ORGANIZATION_TYPES.test(event.type)
              ? describeOrganizationEvent({ ...event, actor: event.userEmail ?? "A deleted account" })
              : describeEvent(event.type, event.details, providerNames)}
          </p>
          <p className="text-zinc-700 dark:text-zinc-300">
            <code className="text-xs">{event.type}</code> · about <About event={event} />
            {event.admin && (
              <>
                {" "}
                · by the admin <span data-testid="event-admin">{event.admin.email ?? "a deleted account"}</span>
              </>
            )}
          </p>
          <EventOrigin event={event} />
        </li>
      ))}
    </ol>
  );
}
