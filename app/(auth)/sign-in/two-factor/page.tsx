import type { Metadata } from "next";
import { AlreadySignedIn } from "@/components/sign-in/already-signed-in";
import { TwoFactorChallenge } from "@/components/two-factor/challenge";
import { safeCallbackURL } from "@/lib/common/redirects";
import { getCurrentSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Two-factor authentication", robots: { index: false } };

/**
 * The second step of a sign-in for an account with two-factor on: any first factor (link, code, password) lands
 * here with a pending sign-in cookie and no session yet.
 */
export default async function TwoFactorPage({ searchParams }: PageProps<"/sign-in/two-factor">) {
  const { callbackURL } = await searchParams;
  const destination = safeCallbackURL(callbackURL);
  const session = await getCurrentSession();
  if (session) {
    const returnTo = `/sign-in?${new URLSearchParams({ callbackURL: destination })}`;
    return <AlreadySignedIn email={session.user.email} callbackURL={destination} returnTo={returnTo} />;
  }
  return <TwoFactorChallenge callbackURL={destination} />;
}
