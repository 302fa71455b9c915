import type { ReactNode } from "react";

/** The active organization's pages. Each checks the session and the membership itself, from the database. */
export default function OrganizationLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-12">
      {children}
    </main>
  );
}
