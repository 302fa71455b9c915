import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PasswordSignInForm } from "@/components/password/sign-in-form";
import { AlreadySignedIn } from "@/components/sign-in/already-signed-in";
import { safeCallbackURL } from "@/lib/common/redirects";
import { getCurrentSession } from "@/lib/auth/session";
import { authFeatures } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Sign in with a password" };

export default async function PasswordSignInPage({ searchParams }: PageProps<"/sign-in/password">) {
  // AUTH_PASSWORD=false: no passwords in this app, so no such page.
  if (!authFeatures.password) notFound();
  const { callbackURL, verified, error } = await searchParams;
  const destination = safeCallbackURL(callbackURL);
  const session = await getCurrentSession();
  if (session) {
    const returnTo = `/sign-in/password?${new URLSearchParams({ callbackURL: destination })}`;
    return <AlreadySignedIn email={session.user.email} callbackURL={destination} returnTo={returnTo} />;
  }
  // A confirmation link that failed comes back here with ?error= (expired, or not for this account).
  const confirmation = error ? "failed" : verified === "1" ? "confirmed" : undefined;
  return <PasswordSignInForm callbackURL={destination} confirmation={confirmation} />;
}
