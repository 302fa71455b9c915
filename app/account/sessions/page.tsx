import type { Metadata } from "next";
import { headers } from "next/headers";
import { FreshSignIn } from "@/components/account/fresh-sign-in";
import { AccountSection } from "@/components/account/section";
import { SessionList } from "@/components/account/session-list";
import { Heading } from "@/components/ui/heading";
import { isFresh } from "@/lib/account";
import { auth } from "@/lib/auth";
import { maskEmail } from "@/lib/common/email-address";
import { requireAccountSession } from "@/lib/auth/session";
import { socialProviders } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const { user, session } = await requireAccountSession("/account/sessions");
  // Listing sessions needs a fresh sign-in, as better-auth's own /list-sessions does.
  const sessions = isFresh(session) ? await auth.api.listAccountSessions({ headers: await headers() }) : null;
  return (
    <>
      <Heading>Sessions</Heading>
      <AccountSection id="sessions" title="Where you're signed in">
        {sessions ? (
          <SessionList sessions={sessions} providerNames={Object.fromEntries(socialProviders.map(({ id, name }) => [id, name]))} />
        ) : (
          <FreshSignIn email={user.email} maskedEmail={maskEmail(user.email)} callbackURL="/account/sessions" />
        )}
      </AccountSection>
    </>
  );
}
