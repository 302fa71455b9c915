import "server-only";
import { organization } from "better-auth/plugins/organization";
import { organizationActivityHooks } from "./activity";
import { accountForInvitee, sendInvitation } from "./invitations";
import { organizationRules, validateOrganization } from "./rules";

/**
 * Organizations: better-auth's organization plugin (the official client's organizationClient() works unchanged)
 * with the owner, admin and member roles, invitations by email, and the rules and activity events of this
 * folder. The pages read organizations through ./pages.ts.
 */

export { listOrganizationActivity } from "./activity";
export { settleOrganizationsBeforeDeletion } from "./deletion";
export { findInvitation, type InvitationState } from "./invitations";
export { activeMembershipOf, activeOrganizationIdOf, activeOrganizationOf, organizationsOf, type ActiveOrganization } from "./pages";

/** Organizations one person may belong to (created or joined): enough for anyone, not for a script. */
const ORGANIZATIONS_PER_PERSON = 50;

export function organizationPlugins({ invitationExpiresIn, signUpDisabled }: { invitationExpiresIn: number; signUpDisabled: boolean }) {
  return [
    organization({
      creatorRole: "owner",
      organizationLimit: ORGANIZATIONS_PER_PERSON,
      invitationExpiresIn,
      // Inviting an address with a pending invitation says so; the invitation is re-sent with `resend: true`.
      cancelPendingInvitationsOnReInvite: false,
      // Only an address its owner has proven accepts (a password sign-up confirms it first; links and codes prove it).
      requireEmailVerificationOnInvitation: true,
      sendInvitationEmail: sendInvitation,
      organizationHooks: {
        ...organizationActivityHooks,
        // With sign-up closed, an invitation is how a new address gets in (./invitations.ts).
        ...(signUpDisabled ? { afterCreateInvitation: accountForInvitee } : {}),
        beforeCreateOrganization: async ({ organization: data }) => ({
          data: { ...data, ...validateOrganization(data, { partial: false }) },
        }),
        beforeUpdateOrganization: async ({ organization: data }) => ({
          data: { ...data, ...validateOrganization(data, { partial: true }) },
        }),
      },
    }),
    organizationRules(),
  ];
}
