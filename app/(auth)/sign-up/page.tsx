import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/password-forms";
import { linkClass } from "@/components/styles";
import { Alert, Card } from "@/components/ui";
import { minPasswordLength, signUpDisabled } from "@/lib/auth";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  if (!signUpDisabled) return <SignUpForm minPasswordLength={minPasswordLength} />;
  return (
    <Card title="Create an account">
      <Alert tone="info">New accounts are closed. If you already have one, sign in.</Alert>
      <Link className={linkClass} href="/sign-in">
        Sign in
      </Link>
    </Card>
  );
}
