import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/nav";

/**
 * The admin console: for the addresses in ADMIN_EMAILS, each holding a second factor. Each page checks that itself
 * (requireAdminSession), from the database; the actions go through the admin endpoints and their rules (lib/admin/).
 */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-12">
      <AdminNav />
      {children}
    </main>
  );
}
