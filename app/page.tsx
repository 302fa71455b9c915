import Link from "next/link";
import { APP_NAME } from "@/lib/config";

export default function HomePage() {
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-1 flex-col justify-center px-4 py-12">
      <h1 className="text-4xl font-semibold tracking-tight">{APP_NAME}</h1>
      <p className="mt-4 text-lg text-zinc-700 dark:text-zinc-300">
        Passwordless sign-in: type your email, open the link we send you, and you are in. Your account is created the
        first time. A password works too, if you prefer one.
      </p>
      <div className="mt-8 flex gap-4">
        <Link
          href="/sign-in"
          className="rounded-md bg-zinc-900 px-5 py-2.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          Sign in
        </Link>
        <Link href="/dashboard" className="rounded-md px-5 py-2.5 text-sm font-medium underline underline-offset-4">
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
