import { SectionNav } from "@/components/ui/section-nav";

/** The organization's sections; Activity is for its owners and admins. */
export function OrganizationNav({ showActivity }: { showActivity: boolean }) {
  const sections = [
    { href: "/organization", label: "Members" },
    { href: "/organization/settings", label: "Settings" },
    ...(showActivity ? [{ href: "/organization/activity", label: "Activity" }] : []),
  ];
  return <SectionNav label="Organization sections" sections={sections} />;
}
