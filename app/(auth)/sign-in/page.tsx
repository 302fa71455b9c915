import type { Metadata } from "next";
import { AlreadySignedIn } from "@/components/sign-in/already-signed-in";
import { MagicLinkSignIn } from "@/components/sign-in/magic-link-form";
import { authFeatures, emailSignIn, magicLinkLifetimeSeconds, signUpDisabled, socialProviders } from "@/lib/auth/settings";
import { signInErrorMessage } from "@/lib/common/messages";
import { safeCallbackURL } from "@/lib/common/redirects";
import { getCurrentSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackURL, error, provider } = await searchParams;
  const destination = safeCallbackURL(callbackURL);
  const session = await getCurrentSession();
  if (session) {
    const returnTo = `/sign-in?${new URLSearchParams({ callbackURL: destination })}`;
    return <AlreadySignedIn email={session.user.email} callbackURL={destination} returnTo={returnTo} />;
  }
  return (
    <MagicLinkSignIn
      callbackURL={destination}
      // A provider's failed sign-in comes back with ?provider=<id>: the message names it as its button does.
      initialError={signInErrorMessage(error, socialProviders.find(({ id }) => id === provider)?.name)}
      expiresInMinutes={Math.ceil(magicLinkLifetimeSeconds / 60)}
      signUpOpen={!signUpDisabled}
      passwords={authFeatures.password}
      passkeys={authFeatures.passkeys}
      mode={emailSignIn}
      socialProviders={socialProviders}
    />
  );
}
