import { SectionNav } from "@/components/ui/section-nav";

const ADMIN_SECTIONS = [
  { href: "/admin", label: "Users" },
  { href: "/admin/activity", label: "Activity" },
] as const;

/** The admin console's sections. */
export function AdminNav() {
  return <SectionNav label="Admin sections" sections={ADMIN_SECTIONS} />;
}
