import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmSignInForm } from "@/components/sign-in/confirm-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { maskEmail } from "@/lib/common/email-address";
import { usableEmailChange } from "@/lib/account/email-change";
import { PAGES } from "@/lib/common/paths";

export const metadata: Metadata = { title: "Confirm your new email", robots: { index: false } };

/**
 * Where the email-change link leads. Opening it (as mail scanners do) changes nothing; the button's POST
 * (/api/auth/verify-email/confirm) makes the change through better-auth's /verify-email.
 */
export default async function ConfirmEmailChangePage({ searchParams }: PageProps<"/email-change/confirm">) {
  const { token } = await searchParams;
  // A used link's account already has the new address; expired, replaced and cancelled ones are refused by the API too.
  const change = await usableEmailChange(token);
  if (!change) {
    return (
      <Card
        title="This link can't be used"
        footer={
          <Link className={linkClass} href="/account">
            Go to your account
          </Link>
        }
      >
        <Alert>
          This link has expired, was already used, or was replaced by a newer request or cancelled. To change your sign-in
          email, ask for a new link from your account.
        </Alert>
      </Card>
    );
  }
  return (
    <Card title="Confirm your new email">
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        Change the sign-in email of <strong className="text-zinc-900 dark:text-zinc-100">{maskEmail(change.email)}</strong> to{" "}
        <strong className="text-zinc-900 dark:text-zinc-100">{change.updateTo}</strong>?
      </p>
      <ConfirmSignInForm
        fields={{ token: token as string, callbackURL: PAGES.emailChanged }}
        action="/api/auth/verify-email/confirm"
        label="Change my email"
        pendingLabel="Changing…"
      />
    </Card>
  );
}
