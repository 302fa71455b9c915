import Link from "next/link";
import { linkClass } from "@/components/styles";
import { Card } from "@/components/ui";

export default function NotFound() {
  return (
    <Card title="Page not found">
      <p className="mb-4 text-zinc-700 dark:text-zinc-300">There is nothing at this address.</p>
      <Link className={linkClass} href="/">
        Go to the home page
      </Link>
    </Card>
  );
}
