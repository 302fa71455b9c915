import type { Metadata } from "next";
import { headers } from "next/headers";
import { DeleteAccountRequest } from "@/components/account/delete-request";
import { RequireFreshSignIn } from "@/components/account/fresh-sign-in";
import { AccountSection } from "@/components/account/section";
import { PasskeyList } from "@/components/passkeys/list";
import { PasswordForm } from "@/components/password/change-form";
import { ConnectedAccounts } from "@/components/social/connected-accounts";
import { TwoFactorDisable } from "@/components/two-factor/disable";
import { TwoFactorSetup } from "@/components/two-factor/setup";
import { Heading } from "@/components/ui/heading";
import { isFresh } from "@/lib/account";
import { auth } from "@/lib/auth";
import { socialProviders } from "@/lib/auth/settings";
import { maskEmail } from "@/lib/common/email-address";
import { signInErrorMessage } from "@/lib/common/messages";
import { requireAccountSession } from "@/lib/auth/session";
import { clientLabel } from "@/lib/common/user-agent";
import { listPasskeys } from "@/lib/two-factor/passkeys";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: PageProps<"/account/security">) {
  const { user, session } = await requireAccountSession("/account/security");
  // Back from connecting a provider: ?connected=<id>, or ?error=CODE&provider=<id> when it failed.
  const { connected, error, provider } = await searchParams;
  const requestHeaders = await headers();
  const [{ hasPassword }, passkeys, accounts] = await Promise.all([
    auth.api.accountPasswordStatus({ headers: requestHeaders }),
    listPasskeys(user.id),
    socialProviders.length > 0 ? auth.api.listUserAccounts({ headers: requestHeaders }) : [],
  ]);
  const identity = { email: user.email, maskedEmail: maskEmail(user.email) };
  const fresh = isFresh(session);
  const browser = clientLabel(requestHeaders.get("user-agent"));
  return (
    <>
      <Heading>Security</Heading>
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
      <AccountSection id="two-factor" title="Two-factor authentication">
        {!fresh ? (
          // One "confirm it's you" per page: the password section above holds it.
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {user.twoFactorEnabled ? "On." : "Off."} To change this, confirm it&apos;s you with the sign-in link above.
          </p>
        ) : user.twoFactorEnabled ? (
          <TwoFactorDisable hasPassword={hasPassword} {...identity} />
        ) : (
          <TwoFactorSetup hasPassword={hasPassword} {...identity} />
        )}
      </AccountSection>
      <AccountSection id="passkeys" title="Passkeys">
        <PasskeyList
          passkeys={passkeys}
          // "Chrome on macOS"; not "an unknown browser".
          suggestedName={browser.startsWith("a") ? "Passkey" : browser}
          fresh={fresh}
          {...identity}
        />
      </AccountSection>
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
        <DeleteAccountRequest maskedEmail={identity.maskedEmail} />
      </AccountSection>
    </>
  );
}
