/**
 * Organizations' rules both sides need (the forms show them, lib/organizations/ enforces them): the roles, and
 * what a name and a slug may be.
 */

/** better-auth's default roles, most powerful first. Owners do everything; admins all but delete the
 * organization and touch owners; members see the organization and its members. */
export const ORGANIZATION_ROLES = ["owner", "admin", "member"] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const ROLE_LABELS: Record<OrganizationRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** A role in words ("Admin"); a role of another app's making as it is stored. */
export const roleLabel = (role: string) => ROLE_LABELS[role as OrganizationRole] ?? role;

export const isOrganizationRole = (value: unknown): value is OrganizationRole =>
  typeof value === "string" && (ORGANIZATION_ROLES as readonly string[]).includes(value);

/** Whether a member's role (better-auth stores several as "admin,owner") makes them an owner. */
export const isOwnerRole = (role: string) => role.split(",").includes("owner");

/** Whether this role may invite, revoke invitations, change roles and remove members (not owners: those are an owner's). */
export const canManageMembers = (role: string | undefined) => role === "owner" || role === "admin";

export const ORGANIZATION_LIMITS = { name: 64, slug: { min: 2, max: 48 } } as const;

/** Lowercase letters, digits and single hyphens between them: it goes in addresses (example.com/acme-inc). */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ORGANIZATION_MESSAGES = {
  nameInvalid: `Enter a name of 1 to ${ORGANIZATION_LIMITS.name} characters.`,
  slugInvalid: `Use ${ORGANIZATION_LIMITS.slug.min} to ${ORGANIZATION_LIMITS.slug.max} lowercase letters, digits and single hyphens, like acme-inc.`,
  slugTaken: "That slug is taken: choose another.",
} as const;

/** A name as stored: trimmed, inner runs of spaces kept as they are. Null when it is empty, too long or has control characters. */
export function validOrganizationName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const name = value.trim();
  if (!name || name.length > ORGANIZATION_LIMITS.name || /[\u0000-\u001f\u007f]/.test(name)) return null;
  return name;
}

export function isValidSlug(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length >= ORGANIZATION_LIMITS.slug.min &&
    value.length <= ORGANIZATION_LIMITS.slug.max &&
    SLUG_PATTERN.test(value)
  );
}

/** The slug the create form suggests for a name: "Acme, Inc." → "acme-inc". */
export function slugFrom(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, ORGANIZATION_LIMITS.slug.max)
    .replace(/-+$/, "");
}

const NEEDS_AN_OWNER = "An organization needs an owner: make another member an owner first.";

/** The form field each organization error is about (lib/common/messages.ts adds these to its table). */
export const ORGANIZATION_FIELDS = {
  INVALID_ORGANIZATION_NAME: "name",
  INVALID_ORGANIZATION_SLUG: "slug",
  ORGANIZATION_ALREADY_EXISTS: "slug",
  ORGANIZATION_SLUG_ALREADY_TAKEN: "slug",
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: "email",
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: "email",
} as const;

/** better-auth's organization errors in the app's words (the ones whose own message would mislead or say too little). */
export const ORGANIZATION_ERROR_MESSAGES: Record<string, string> = {
  ORGANIZATION_ALREADY_EXISTS: ORGANIZATION_MESSAGES.slugTaken,
  ORGANIZATION_SLUG_ALREADY_TAKEN: ORGANIZATION_MESSAGES.slugTaken,
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: "That person is already a member.",
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: "That address has an invitation waiting: send it again from the list of invitations.",
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: NEEDS_AN_OWNER,
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER: NEEDS_AN_OWNER,
  YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER: "Only an owner can change an owner's role or make someone an owner.",
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: "This invitation is for another address.",
  INVITATION_NOT_FOUND: "This invitation can't be used: it expired, was revoked, or was accepted already.",
  YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_ORGANIZATIONS: "You are in as many organizations as one person may be: leave one first.",
  ORGANIZATION_MEMBERSHIP_LIMIT_REACHED: "This organization has as many members as it may.",
  INVITATION_LIMIT_REACHED: "This organization has as many invitations waiting as it may: revoke some first.",
};
