import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { SignUpForm } from "@/components/password-forms";
import { Alert, Card, linkClass } from "@/components/ui";
import { minPasswordLength, signUpDisabled } from "@/lib/auth";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  // Rendered per request: AUTH_DISABLE_SIGN_UP is read at run time, not frozen into the build.
  await connection();
  return (
    <Card title="Create an account">
      {signUpDisabled ? (
        <Alert tone="info">New accounts are closed. If you already have one, sign in.</Alert>
      ) : (
        <SignUpForm minPasswordLength={minPasswordLength} />
      )}
      <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link className={linkClass} href="/sign-in">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
