import type { ActivityEvent } from "@/components/account/activity-list";
import { roleLabel } from "@/lib/common/organizations";

/** An organization's event in words, naming who did it: "ada@example.com invited j•••@example.com as Admin". */
export function describeOrganizationEvent(event: ActivityEvent & { actor: string }): string {
  const { details, actor } = event;
  const role = (value: unknown) => roleLabel(String(value));
  switch (event.type) {
    case "organization.created":
      return `${actor} created ${String(details.name)}`;
    case "organization.updated":
      return `${actor} renamed it ${String(details.name)} (slug ${String(details.slug)})`;
    case "organization.deleted":
      return `${actor} deleted the organization`;
    case "member.invited":
      return `${actor} ${details.resent ? "sent again the invitation of" : "invited"} ${String(details.email)} as ${role(details.role)}`;
    case "invitation.revoked":
      return `${actor} revoked the invitation of ${String(details.email)}`;
    case "member.joined":
      return `${actor} joined as ${role(details.role)}`;
    case "member.role_changed":
      return `${actor} changed ${String(details.member)} from ${role(details.from)} to ${role(details.to)}`;
    case "member.removed":
      return `${actor} removed ${String(details.member)}`;
    case "member.left":
      return `${actor} left`;
    default:
      return `${actor}: ${event.type}`;
  }
}
