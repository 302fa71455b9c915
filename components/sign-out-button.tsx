"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callAuth } from "./auth-form";
import { Button } from "./ui";
import { useHydrated } from "./use-hydrated";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  async function signOut() {
    setPending(true);
    await callAuth((authClient, fetchOptions) => authClient.signOut({ fetchOptions }));
    router.push("/sign-in");
  }
  return (
    <Button type="button" variant="secondary" onClick={signOut} pending={pending} disabled={!hydrated}>
      Sign out
    </Button>
  );
}
