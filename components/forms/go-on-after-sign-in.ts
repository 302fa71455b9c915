"use client";

import type { useRouter } from "next/navigation";

/**
 * Goes on after a sign-in: to the callbackURL, with the header (in the root layout) rendered again signed in;
 * or first to the second-factor page when the account has two-factor on (the first factor then answers
 * { twoFactorRedirect: true } and no session exists yet).
 */
export function goOnAfterSignIn(router: ReturnType<typeof useRouter>, data: unknown, callbackURL: string) {
  if ((data as { twoFactorRedirect?: boolean } | null)?.twoFactorRedirect === true) {
    router.push(`/sign-in/two-factor?${new URLSearchParams({ callbackURL })}`);
    return;
  }
  router.push(callbackURL);
  router.refresh();
}
