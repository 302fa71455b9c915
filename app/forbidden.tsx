import Link from "next/link";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";

/** 403: a page this account may not see (the admin console, to anyone not in ADMIN_EMAILS). */
export default function Forbidden() {
  return (
    <Card
      title="Not for this account"
      footer={
        <Link className={linkClass} href="/dashboard">
          Go to your dashboard
        </Link>
      }
    >
      <p className="text-zinc-700 dark:text-zinc-300">Only the app&apos;s admins can see this page.</p>
    </Card>
  );
}
