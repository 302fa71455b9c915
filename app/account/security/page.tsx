import type { Metadata } from "next";
import { headers } from "next/headers";
import { DeleteAccountRequest } from "@/components/account/delete-request";
import { FreshSignIn, RequireFreshSignIn } from "@/components/account/fresh-sign-in";
import { AccountSection } from "@/components/account/section";
import { PasskeyList } from "@/components/passkeys/list";
import { PasswordForm } from "@/components/password/change-form";
import { ConnectedAccounts } from "@/components/social/connected-accounts";
import { TwoFactorDisable } from "@/components/two-factor/disable";
import { TwoFactorSetup } from "@/components/two-factor/setup";
import { Alert } from "@/components/ui/alert";
import { Heading } from "@/components/ui/heading";
import { isFresh } from "@/lib/account";
import { heldCredentials } from "@/lib/account/held-credentials";
import { auth } from "@/lib/auth";
import { authFeatures, socialProviders } from "@/lib/auth/settings";
import { maskEmail } from "@/lib/common/email-address";
import { signInErrorMessage, TURNED_OFF_NOTICES } from "@/lib/common/messages";
import { requireAccountSession } from "@/lib/auth/session";
import { clientLabel } from "@/lib/common/user-agent";
import { listPasskeys } from "@/lib/two-factor/passkeys";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: PageProps<"/account/security">) {
  const { user, session } = await requireAccountSession("/account/security");
  // Back from connecting a provider: ?connected=<id>, or ?error=CODE&provider=<id> when it failed.
  const { connected, error, provider } = await searchParams;
  const requestHeaders = await headers();
  const [held, passkeys, accounts] = await Promise.all([
    heldCredentials(user.id),
    authFeatures.passkeys ? listPasskeys(user.id) : [],
    socialProviders.length > 0 ? auth.api.listUserAccounts({ headers: requestHeaders }) : [],
  ]);
  const hasPassword = held.password;
  const identity = { email: user.email, maskedEmail: maskEmail(user.email) };
  const fresh = isFresh(session);
  const browser = clientLabel(requestHeaders.get("user-agent"));
  // What this account holds that the app no longer uses (AUTH_PASSWORD, AUTH_PASSKEYS, AUTH_TWO_FACTOR set to false).
  const turnedOff = (["password", "passkeys", "twoFactor"] as const).filter(
    (feature) => !authFeatures[feature] && (feature === "passkeys" ? held.passkeys > 0 : held[feature]),
  );
  // One "confirm it's you" per page, in the first section that changes how the account signs in: the password
  // section's, or without passwords one of its own above the others.
  const needsFreshSignIn = authFeatures.twoFactor || authFeatures.passkeys || socialProviders.length > 0;
  return (
    <>
      <Heading>Security</Heading>
      {turnedOff.length > 0 && (
        <div data-testid="turned-off">
          {turnedOff.map((feature) => (
            <Alert key={feature} tone="info">
              {TURNED_OFF_NOTICES[feature]}
            </Alert>
          ))}
        </div>
      )}
      {authFeatures.password ? (
        <AccountSection id="password" title={hasPassword ? "Change your password" : "Add a password"}>
          {!hasPassword && (
            <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">
              You sign in with emailed links. A password lets you sign in when email is slow or out of reach.
            </p>
          )}
          <RequireFreshSignIn fresh={fresh} {...identity} callbackURL="/account/security">
            <PasswordForm hasPassword={hasPassword} {...identity} />
          </RequireFreshSignIn>
        </AccountSection>
      ) : (
        !fresh &&
        needsFreshSignIn && (
          <AccountSection id="confirm" title="Confirm it's you">
            <FreshSignIn {...identity} callbackURL="/account/security" />
          </AccountSection>
        )
      )}
      {authFeatures.twoFactor && (
        <AccountSection id="two-factor" title="Two-factor authentication">
          {!fresh ? (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {held.twoFactor ? "On." : "Off."} To change this, confirm it&apos;s you with the sign-in link above.
            </p>
          ) : held.twoFactor ? (
            <TwoFactorDisable hasPassword={hasPassword} {...identity} />
          ) : (
            <TwoFactorSetup hasPassword={hasPassword} passwords={authFeatures.password} passkeys={authFeatures.passkeys} {...identity} />
          )}
        </AccountSection>
      )}
      {authFeatures.passkeys && (
        <AccountSection id="passkeys" title="Passkeys">
          <PasskeyList
            passkeys={passkeys}
            // "Chrome on macOS"; not "an unknown browser".
            suggestedName={browser.startsWith("a") ? "Passkey" : browser}
            fresh={fresh}
            {...identity}
          />
        </AccountSection>
      )}
      {socialProviders.length > 0 && (
        <AccountSection id="connected-accounts" title="Connected accounts">
          <ConnectedAccounts
            providers={socialProviders}
            accounts={accounts.map((account) => ({
              id: account.id,
              providerId: account.providerId,
              linkedAt: new Date(account.createdAt).toISOString(),
            }))}
            fresh={fresh}
            initialError={signInErrorMessage(error, socialProviders.find(({ id }) => id === provider)?.name)}
            justConnected={
              accounts.some((account) => account.providerId === connected)
                ? socialProviders.find(({ id }) => id === connected)?.name
                : undefined
            }
            {...identity}
          />
        </AccountSection>
      )}
      <AccountSection id="delete" title="Delete your account">
        <DeleteAccountRequest maskedEmail={identity.maskedEmail} passwords={authFeatures.password} />
      </AccountSection>
    </>
  );
}
