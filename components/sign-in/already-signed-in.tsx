import Link from "next/link";
import { SignOutButton } from "@/components/site/sign-out-button";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";

/** What the sign-in and sign-up pages show someone who is signed in already: go on, or switch accounts. */
export function AlreadySignedIn({ email, callbackURL, returnTo }: { email: string; callbackURL: string; returnTo: string }) {
  return (
    <Card
      title="You're already signed in"
      footer={<SignOutButton appearance="link" label="Sign in as someone else" redirectTo={returnTo} />}
    >
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        You&apos;re signed in as <strong className="text-zinc-900 dark:text-zinc-100">{email}</strong>.
      </p>
      <Link href={callbackURL} className={`w-full ${buttonClass()}`}>
        Continue
      </Link>
    </Card>
  );
}
