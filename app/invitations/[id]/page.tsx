import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/organizations/accept-invitation";
import { MagicLinkSignIn } from "@/components/sign-in/magic-link-form";
import { SignOutButton } from "@/components/site/sign-out-button";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { getAccountSession } from "@/lib/auth/session";
import { authFeatures, emailSignIn, magicLinkLifetimeSeconds, socialProviders } from "@/lib/auth/settings";
import { findInvitation } from "@/lib/organizations";
import { roleLabel } from "@/lib/common/organizations";

export const metadata: Metadata = { title: "Invitation" };

const when = (date: Date) => `${date.toLocaleString("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`;

/**
 * What an invitation's emailed link opens. Opening it changes nothing (mail scanners open links): it shows the
 * invitation, and only the Join button accepts it. Signed out, the invited address signs in here by link or code
 * and comes back to this page; signed in as another address, the page says so and offers to switch.
 */
export default async function InvitationPage({ params }: PageProps<"/invitations/[id]">) {
  const { id } = await params;
  const [invitation, session] = await Promise.all([findInvitation(id), getAccountSession()]);
  const here = `/invitations/${encodeURIComponent(id)}`;

  if (!invitation || invitation.state === "unusable") {
    return (
      <Card title="This invitation can't be used" footer={<Link className={linkClass} href="/">Go to the home page</Link>}>
        <p className="text-zinc-700 dark:text-zinc-300">It was revoked or declined, or the link is incomplete. Ask the person who invited you to send a new one.</p>
      </Card>
    );
  }
  const summary = (
    <p className="mb-6 text-zinc-700 dark:text-zinc-300" data-testid="invitation-summary">
      {invitation.inviter} invited <strong className="text-zinc-900 dark:text-zinc-100">{invitation.email}</strong> to join{" "}
      <strong className="text-zinc-900 dark:text-zinc-100">{invitation.organization.name}</strong> as {roleLabel(invitation.role).toLowerCase()}.
    </p>
  );
  if (invitation.state === "accepted") {
    return (
      <Card title="Invitation accepted already" footer={<Link className={linkClass} href="/organization">Go to your organization</Link>}>
        {summary}
      </Card>
    );
  }
  if (invitation.state === "expired") {
    return (
      <Card title="This invitation has expired">
        {summary}
        <p className="text-zinc-700 dark:text-zinc-300">It expired on {when(invitation.expiresAt)}. Ask {invitation.inviter} to send it again.</p>
      </Card>
    );
  }
  if (!session) {
    return (
      <MagicLinkSignIn
        title={`Join ${invitation.organization.name}`}
        intro={
          <>
            {summary}
            <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">Sign in as {invitation.email} to accept: no account yet? Signing in makes one.</p>
          </>
        }
        defaultEmail={invitation.email}
        callbackURL={here}
        expiresInMinutes={Math.ceil(magicLinkLifetimeSeconds / 60)}
        // The invitation is the way in: the sign-up note of the sign-in page would only distract here.
        signUpOpen={false}
        passwords={authFeatures.password}
        passkeys={authFeatures.passkeys}
        mode={emailSignIn}
        socialProviders={socialProviders}
      />
    );
  }
  if (session.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <Card
        title="This invitation is for another address"
        footer={<Link className={linkClass} href="/dashboard">Stay signed in as {session.user.email}</Link>}
      >
        {summary}
        <p className="mb-6 text-zinc-700 dark:text-zinc-300">
          You&apos;re signed in as <strong className="text-zinc-900 dark:text-zinc-100">{session.user.email}</strong>. Sign out, then
          sign in as {invitation.email} to accept.
        </p>
        <SignOutButton label={`Sign out and continue as ${invitation.email}`} redirectTo={here} />
      </Card>
    );
  }
  return (
    <Card title={`Join ${invitation.organization.name}`} footer={<Link className={linkClass} href="/dashboard">Not now</Link>}>
      {summary}
      <p className="mb-6 text-sm text-zinc-700 dark:text-zinc-300">The invitation works until {when(invitation.expiresAt)}.</p>
      <AcceptInvitation invitationId={invitation.id} organizationName={invitation.organization.name} />
    </Card>
  );
}

