import "server-only";
import { db } from "@/lib/platform/db";
import { getEnv } from "@/lib/platform/env";
import type { RenderedEmail } from "./index";

/**
 * The dev mailbox: outside production, with no email provider configured, emails are stored in the
 * database instead of sent, and shown at /dev/mailbox (and as JSON at /api/dev/mailbox).
 */

const normalizeAddress = (address: string) => address.trim().toLowerCase();

export async function storeInMailbox(email: RenderedEmail) {
  await db.devEmail.create({ data: { ...email, to: normalizeAddress(email.to) } });
}

/**
 * Whether the mailbox pages answer: never in production unless MAIL_TRANSPORT=mailbox is set on purpose, which
 * lib/platform/env.ts allows only with a loopback BETTER_AUTH_URL (a local production build).
 */
export function mailboxEnabled() {
  return getEnv().MAIL_TRANSPORT === "mailbox";
}

/** The links in an email's plain-text part, so the mailbox can offer them as plain links. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"\]]+/g) ?? [])];
}

export function listMailbox({ to, limit = 50 }: { to?: string; limit?: number } = {}) {
  return db.devEmail.findMany({
    where: to ? { to: normalizeAddress(to) } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

export function findMailboxEmail(id: string) {
  return db.devEmail.findUnique({ where: { id } });
}
