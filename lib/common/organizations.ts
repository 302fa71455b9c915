/**
 * Organizations' rules both sides need (the forms show them, lib/organizations/ enforces them): the roles, and
 * what a name and a slug may be.
 */

/** better-auth's default roles, most powerful first. Owners do everything; admins all but delete the
 * organization and touch owners; members see the organization and its members. */
export const ORGANIZATION_ROLES = ["owner", "admin", "member"] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const ROLE_LABELS: Record<OrganizationRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export const isOrganizationRole = (value: unknown): value is OrganizationRole =>
  typeof value === "string" && (ORGANIZATION_ROLES as readonly string[]).includes(value);

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
