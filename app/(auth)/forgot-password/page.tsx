import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ForgotPasswordForm } from "@/components/password/forgot-form";
import { authFeatures } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  // AUTH_PASSWORD=false: no passwords in this app, so no such page.
  if (!authFeatures.password) notFound();
  return <ForgotPasswordForm />;
}
