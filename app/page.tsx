import Link from "next/link";
import { buttonClass, linkClass } from "@/components/ui/styles";
import { authFeatures } from "@/lib/auth/settings";
import { BRAND } from "@/lib/common/brand";

export default function HomePage() {
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-1 flex-col justify-center px-4 py-12">
      <h1 className="text-4xl font-semibold tracking-tight">{BRAND.home.headline}</h1>
      <p className="mt-4 text-lg text-zinc-700 dark:text-zinc-300">
        {BRAND.home.paragraph}
        {authFeatures.password && " A password works too, if you prefer one."}
      </p>
      <div className="mt-8 flex flex-wrap items-center gap-6">
        <Link href="/sign-in" className={buttonClass()}>
          Sign in
        </Link>
        <Link href="/dashboard" className={`rounded-sm text-sm ${linkClass}`}>
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
