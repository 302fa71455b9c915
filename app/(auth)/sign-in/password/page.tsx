import type { Metadata } from "next";
import { AlreadySignedIn } from "@/components/already-signed-in";
import { PasswordSignInForm } from "@/components/password-forms";
import { safeCallbackURL } from "@/lib/redirects";
import { getCurrentSession } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in with a password" };

export default async function PasswordSignInPage({ searchParams }: PageProps<"/sign-in/password">) {
  const { callbackURL, verified } = await searchParams;
  const destination = safeCallbackURL(callbackURL);
  const session = await getCurrentSession();
  if (session) {
    const returnTo = `/sign-in/password?${new URLSearchParams({ callbackURL: destination })}`;
    return <AlreadySignedIn email={session.user.email} callbackURL={destination} returnTo={returnTo} />;
  }
  return <PasswordSignInForm callbackURL={destination} verified={verified === "1"} />;
}
