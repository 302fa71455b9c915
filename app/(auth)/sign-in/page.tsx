import type { Metadata } from "next";
import { MagicLinkSignIn } from "@/components/magic-link-form";
import { emailSignIn, magicLinkLifetimeSeconds, signUpDisabled } from "@/lib/auth";
import { signInErrorMessage } from "@/lib/auth-errors";
import { safeCallbackURL } from "@/lib/redirects";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackURL, error } = await searchParams;
  return (
    <MagicLinkSignIn
      callbackURL={safeCallbackURL(callbackURL)}
      initialError={signInErrorMessage(error)}
      expiresInMinutes={Math.ceil(magicLinkLifetimeSeconds / 60)}
      signUpOpen={!signUpDisabled}
      mode={emailSignIn}
    />
  );
}
