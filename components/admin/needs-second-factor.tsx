import Link from "next/link";
import { AccountSection } from "@/components/account/section";
import { Heading } from "@/components/ui/heading";
import { linkClass } from "@/components/ui/styles";
import { authFeatures } from "@/lib/auth/settings";

/** In place of every console page (titled `title`) for an admin who holds no second factor yet: how to add one. */
export function NeedsSecondFactor({ title }: { title: string }) {
  const { twoFactor, passkeys } = authFeatures;
  const ways = [twoFactor && "turn on two-factor authentication", passkeys && "add a passkey"].filter(Boolean).join(" or ");
  return (
    <>
      <Heading>{title}</Heading>
      <AccountSection id="second-factor" title="Add a second factor first">
      <p className="text-zinc-700 dark:text-zinc-300" data-testid="admin-needs-second-factor">
        The admin console can act on every account, so it asks more of yours: {ways} on your account&apos;s{" "}
        <Link className={linkClass} href="/account/security">
          Security page
        </Link>
        , then come back.
      </p>
      </AccountSection>
    </>
  );
}
