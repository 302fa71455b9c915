import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InvalidResetLink } from "@/components/password/invalid-reset-link";
import { ResetPasswordForm } from "@/components/password/reset-form";
import { authFeatures, sessionCacheSeconds } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

/** Where reset links land (better-auth checks the token, then redirects here with it, or with ?error=). */
export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  // AUTH_PASSWORD=false: no passwords in this app, so no such page.
  if (!authFeatures.password) notFound();
  const { token, error } = await searchParams;
  if (typeof token !== "string" || !token || error) return <InvalidResetLink />;
  return <ResetPasswordForm token={token} sessionCacheSeconds={sessionCacheSeconds} />;
}
