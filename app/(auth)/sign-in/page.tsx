import type { Metadata } from "next";
import Link from "next/link";
import { MagicLinkForm } from "@/components/magic-link-form";
import { linkClass } from "@/components/ui";
import { Card } from "@/components/ui";
import { magicLinkLifetimeSeconds, signUpDisabled } from "@/lib/auth";
import { signInErrorMessage } from "@/lib/auth-errors";
import { safeCallbackURL } from "@/lib/redirects";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackURL, error } = await searchParams;
  return (
    <Card title="Sign in">
      <MagicLinkForm
        callbackURL={safeCallbackURL(callbackURL)}
        initialError={signInErrorMessage(error)}
        expiresInMinutes={Math.ceil(magicLinkLifetimeSeconds / 60)}
      />
      {!signUpDisabled && (
        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
          New here? The link creates your account, or{" "}
          <Link className={linkClass} href="/sign-up">
            sign up with a password
          </Link>
          .
        </p>
      )}
    </Card>
  );
}
