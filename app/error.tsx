"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Shown when a page fails on the server (a database outage, say): a plain message and a way to retry. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <Card title="Something went wrong">
      <p className="mb-6 text-zinc-700 dark:text-zinc-300">
        We couldn&apos;t load this page. It is probably temporary: try again in a moment.
      </p>
      <Button type="button" onClick={reset}>
        Try again
      </Button>
    </Card>
  );
}
