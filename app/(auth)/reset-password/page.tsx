import type { Metadata } from "next";
import { InvalidResetLink, ResetPasswordForm } from "@/components/password-forms";
import { sessionCacheSeconds } from "@/lib/auth";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

/** Where reset links land (better-auth checks the token, then redirects here with it, or with ?error=). */
export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token, error } = await searchParams;
  if (typeof token !== "string" || !token || error) return <InvalidResetLink />;
  return <ResetPasswordForm token={token} sessionCacheSeconds={sessionCacheSeconds} />;
}
