"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { BRAND } from "@/lib/common/brand";

/**
 * Shown when a page fails on the server (a database outage, say): a plain message, a way to retry, and whom to
 * write to if it lasts.
 */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <Card
      title="Something went wrong"
      footer={
        <p>
          Still not working? Write to{" "}
          <a className={linkClass} href={`mailto:${BRAND.supportEmail}`}>
            {BRAND.supportEmail}
          </a>
        </p>
      }
    >
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        We couldn&apos;t load this page. It is probably temporary: try again in a moment.
      </p>
      <Button type="button" onClick={reset}>
        Try again
      </Button>
    </Card>
  );
}
