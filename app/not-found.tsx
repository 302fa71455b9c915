import Link from "next/link";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";

export default function NotFound() {
  return (
    <Card
      title="Page not found"
      footer={
        <Link className={linkClass} href="/">
          Go to the home page
        </Link>
      }
    >
      <p className="text-zinc-700 dark:text-zinc-300">There is nothing at this address.</p>
    </Card>
  );
}
