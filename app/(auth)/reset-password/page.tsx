import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/password-forms";
import { linkClass } from "@/components/styles";
import { Alert, Card } from "@/components/ui";
import { minPasswordLength, sessionCacheSeconds } from "@/lib/auth";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

/** Where reset links land (better-auth checks the token, then redirects here with it, or with ?error=). */
export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token, error } = await searchParams;
  if (typeof token !== "string" || !token || error) {
    return (
      <Card title="This reset link can't be used">
        <Alert>This reset link has expired or was already used. Ask for a new one.</Alert>
        <Link className={linkClass} href="/forgot-password">
          Send a new reset link
        </Link>
      </Card>
    );
  }
  return <ResetPasswordForm token={token} minPasswordLength={minPasswordLength} sessionCacheSeconds={sessionCacheSeconds} />;
}
