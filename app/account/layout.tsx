import type { ReactNode } from "react";
import { AccountNav } from "@/components/account/nav";

/** The signed-in account area. Each page checks the session itself (a layout does not know the page's path). */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-12">
      <AccountNav />
      {children}
    </main>
  );
}
