"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { Button } from "./ui";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    await authClient.signOut();
    router.push("/sign-in");
  }
  return (
    <Button type="button" variant="secondary" onClick={signOut} pending={pending}>
      Sign out
    </Button>
  );
}
