import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Account deleted" };

export default function AccountDeletedPage() {
  return (
    <Card
      title="Your account is deleted"
      footer={
        <Link className={linkClass} href="/">
          Back to the home page
        </Link>
      }
    >
      <p className="text-zinc-700 dark:text-zinc-300">
        Your account and everything in it are gone, and every device is signed out. You can create a new account with
        the same address at any time.
      </p>
    </Card>
  );
}
