import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmSignInForm } from "@/components/confirm-sign-in-form";
import { Alert, Card, linkClass } from "@/components/ui";
import { signInErrorMessage } from "@/lib/auth-errors";
import { APP_NAME } from "@/lib/config";
import { maskEmail } from "@/lib/email-address";
import { pendingMagicLinkEmail } from "@/lib/magic-link";

export const metadata: Metadata = { title: "Confirm sign-in", robots: { index: false } };

const LINK_FIELDS = ["token", "callbackURL", "newUserCallbackURL", "errorCallbackURL"] as const;

/**
 * Where emailed links lead. Opening it (GET or HEAD, as mail scanners do) uses nothing; the Continue button's
 * POST signs in. Headers for this page (no-referrer, no-store) are set in proxy.ts.
 */
export default async function ConfirmSignInPage({ searchParams }: PageProps<"/sign-in/confirm">) {
  const params = await searchParams;
  const fields: Record<string, string> = {};
  for (const field of LINK_FIELDS) {
    const value = params[field];
    if (typeof value === "string" && value) fields[field] = value;
  }
  const email = fields.token ? await pendingMagicLinkEmail(fields.token) : null;

  if (!email) {
    return (
      <Card title="This link can't be used">
        <Alert>{signInErrorMessage("INVALID_TOKEN")}</Alert>
        <Link className={linkClass} href="/sign-in">
          Send a new link
        </Link>
      </Card>
    );
  }
  return (
    <Card title={`Sign in to ${APP_NAME}`}>
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        Continue as <strong className="text-zinc-900 dark:text-zinc-100">{maskEmail(email)}</strong>?
      </p>
      <ConfirmSignInForm fields={fields} />
    </Card>
  );
}
