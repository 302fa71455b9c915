"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";

/** A reset link that expired, was used, or never existed: the way forward is a new one. */
export function InvalidResetLink() {
  return (
    <Card
      title="This reset link can't be used"
      footer={
        <Link className={linkClass} href="/forgot-password">
          Send a new reset link
        </Link>
      }
    >
      <Alert>This reset link has expired or was already used. Reset links work once, for one hour.</Alert>
    </Card>
  );
}
