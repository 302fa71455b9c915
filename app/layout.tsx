import type { Metadata } from "next";
import { headers } from "next/headers";
import type { CSSProperties, ReactNode } from "react";
import { Impersonation } from "@/components/admin/impersonation";
import { SiteHeader } from "@/components/site/header";
import { themeScript } from "@/components/site/theme-script";
import { accentCssVariables, BRAND, LOGO_PNG_PATH } from "@/lib/common/brand";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: BRAND.name, template: `%s · ${BRAND.name}` },
  description: `Sign in to ${BRAND.name} with a link sent to your email.`,
  icons: { icon: { url: LOGO_PNG_PATH, type: "image/png" } },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, each with its own CSP nonce (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets data-theme before React loads; React must not undo it. The brand's accent colours
    // are set here, as variables app/globals.css maps to the current theme.
    <html lang="en" style={accentCssVariables() as CSSProperties} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex min-h-screen flex-col bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
        >
          Skip to content
        </a>
        <Impersonation />
        <SiteHeader />
        {children}
      </body>
    </html>
  );
}
