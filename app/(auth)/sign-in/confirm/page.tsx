import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmSignInForm } from "@/components/sign-in/confirm-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { magicLinkLifetimeSeconds, redirectOrigins } from "@/lib/auth/settings";
import { BRAND } from "@/lib/common/brand";
import { maskEmail } from "@/lib/common/email-address";
import { LINK_FIELDS, magicLinkStatus } from "@/lib/sign-in/links";
import { safeCallbackURL, safeLinkDestinations } from "@/lib/common/redirects";

export const metadata: Metadata = { title: "Confirm sign-in", robots: { index: false } };

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
  const link = await magicLinkStatus(fields.token);

  if (link.state !== "live") {
    const minutes = Math.ceil(magicLinkLifetimeSeconds / 60);
    // A new link should lead where this one was going.
    const signIn = `/sign-in?${new URLSearchParams({ callbackURL: safeCallbackURL(fields.callbackURL) })}`;
    return (
      <Card
        title={link.state === "expired" ? "This link has expired" : "This link can't be used"}
        footer={
          <Link className={linkClass} href={signIn}>
            Send a new link
          </Link>
        }
      >
        <Alert>
          {link.state === "expired"
            ? `Sign-in links work for ${minutes} minutes. Send yourself a new one.`
            : "This sign-in link was already used, or a newer one replaced it. Send yourself a new one."}
        </Alert>
      </Card>
    );
  }
  return (
    <Card title={`Sign in to ${BRAND.name}`}>
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        Continue as <strong className="text-zinc-900 dark:text-zinc-100">{maskEmail(link.email)}</strong>?
      </p>
      {/* A destination changed on the way would only be refused: the button carries safe ones instead. */}
      <ConfirmSignInForm fields={safeLinkDestinations(fields, redirectOrigins)} />
    </Card>
  );
}
