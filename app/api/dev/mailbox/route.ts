import { listMailbox, mailboxEnabled } from "@/lib/platform/email/mailbox";

/** GET /api/dev/mailbox?to=<address>: stored emails as JSON, newest first (for tests and scripts). */
export async function GET(request: Request) {
  if (!mailboxEnabled()) return Response.json({ error: "Not found" }, { status: 404 });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  const emails = await listMailbox({ to });
  return Response.json(emails, { headers: { "Cache-Control": "no-store" } });
}
