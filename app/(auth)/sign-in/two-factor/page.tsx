import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { AlreadySignedIn } from "@/components/sign-in/already-signed-in";
import { NothingToVerify, TwoFactorChallenge } from "@/components/two-factor/challenge";
import { auth } from "@/lib/auth";
import { safeCallbackURL } from "@/lib/common/redirects";
import { getCurrentSession } from "@/lib/auth/session";
import { authFeatures } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Two-factor authentication", robots: { index: false } };

/**
 * The second step of a sign-in for an account with two-factor on: any first factor (link, code, password) lands
 * here with a pending sign-in cookie and no session yet. Without one, the page says so and offers to sign in.
 */
export default async function TwoFactorPage({ searchParams }: PageProps<"/sign-in/two-factor">) {
  // AUTH_TWO_FACTOR=false: no second step in this app, so no such page.
  if (!authFeatures.twoFactor) notFound();
  const { callbackURL } = await searchParams;
  const destination = safeCallbackURL(callbackURL);
  const session = await getCurrentSession();
  if (session) {
    const returnTo = `/sign-in?${new URLSearchParams({ callbackURL: destination })}`;
    return <AlreadySignedIn email={session.user.email} callbackURL={destination} returnTo={returnTo} />;
  }
  // Nothing pending (never started, finished, ended or expired): said at once, not after a code is typed.
  const { pending } = await auth.api.pendingTwoFactorSignIn({ headers: await headers() });
  if (!pending) return <NothingToVerify callbackURL={destination} />;
  return <TwoFactorChallenge callbackURL={destination} />;
}
