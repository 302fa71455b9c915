import type { Metadata } from "next";
import Link from "next/link";
import { AlreadySignedIn } from "@/components/already-signed-in";
import { SignUpForm } from "@/components/password-forms";
import { linkClass } from "@/components/styles";
import { Alert, Card } from "@/components/ui";
import { signUpDisabled } from "@/lib/auth";
import { DEFAULT_CALLBACK_URL } from "@/lib/redirects";
import { getCurrentSession } from "@/lib/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  const session = await getCurrentSession();
  if (session) {
    return <AlreadySignedIn email={session.user.email} callbackURL={DEFAULT_CALLBACK_URL} returnTo="/sign-up" />;
  }
  if (!signUpDisabled) return <SignUpForm />;
  return (
    <Card
      title="Create an account"
      footer={
        <Link className={linkClass} href="/sign-in">
          Sign in
        </Link>
      }
    >
      <Alert tone="info">New accounts are closed. If you already have one, sign in.</Alert>
    </Card>
  );
}
