import { SectionNav } from "@/components/ui/section-nav";

const ACCOUNT_SECTIONS = [
  { href: "/account", label: "Profile" },
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/activity", label: "Activity" },
] as const;

/** The account area's sections. */
export function AccountNav() {
  return <SectionNav label="Account sections" sections={ACCOUNT_SECTIONS} />;
}
