import type { Metadata } from "next";
import { PasswordSignInForm } from "@/components/password-forms";
import { safeCallbackURL } from "@/lib/redirects";

export const metadata: Metadata = { title: "Sign in with a password" };

export default async function PasswordSignInPage({ searchParams }: PageProps<"/sign-in/password">) {
  const { callbackURL, verified } = await searchParams;
  return <PasswordSignInForm callbackURL={safeCallbackURL(callbackURL)} verified={verified === "1"} />;
}
