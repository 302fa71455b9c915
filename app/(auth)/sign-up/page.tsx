import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { SignUpForm } from "@/components/password/sign-up-form";
import { AlreadySignedIn } from "@/components/sign-in/already-signed-in";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { authFeatures, signUpDisabled, socialProviders } from "@/lib/auth/settings";
import { DEFAULT_CALLBACK_URL } from "@/lib/common/redirects";
import { getCurrentSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  // AUTH_PASSWORD=false: no passwords in this app, so no such page.
  if (!authFeatures.password) notFound();
  const session = await getCurrentSession();
  if (session) {
    return <AlreadySignedIn email={session.user.email} callbackURL={DEFAULT_CALLBACK_URL} returnTo="/sign-up" />;
  }
  if (!signUpDisabled) return <SignUpForm socialProviders={socialProviders} callbackURL={DEFAULT_CALLBACK_URL} />;
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
