"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { goOnAfterSignIn } from "@/components/forms/go-on-after-sign-in";

/** How often the check-email screen asks, while it is in view, whether this browser has signed in meanwhile. */
const CHECK_EVERY_SECONDS = 5;

/**
 * While `waiting` (the check-email screen shows): notices that this browser signed in elsewhere, in the tab the
 * emailed link opened, and goes on to callbackURL, rather than leaving a code field whose code no longer works. It
 * asks GET /api/auth/get-session when the tab comes back into view or focus, and every few seconds while in view.
 */
export function useSignedInElsewhere(callbackURL: string, waiting: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!waiting) return;
    let done = false;
    async function check() {
      if (done || document.visibilityState !== "visible") return;
      let signedIn = false;
      try {
        const { authClient } = await import("@/lib/auth/client");
        signedIn = (await authClient.getSession()).data !== null;
      } catch {
        // Offline, say: the next check asks again.
      }
      if (!signedIn || done) return;
      done = true;
      goOnAfterSignIn(router, null, callbackURL);
    }
    const timer = setInterval(check, CHECK_EVERY_SECONDS * 1000);
    window.addEventListener("focus", check);
    document.addEventListener("visibilitychange", check);
    return () => {
      done = true;
      clearInterval(timer);
      window.removeEventListener("focus", check);
      document.removeEventListener("visibilitychange", check);
    };
  }, [callbackURL, waiting, router]);
}
