import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { APP_NAME } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: `Sign in to ${APP_NAME} with a link sent to your email.`,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so each carries the nonce of its Content-Security-Policy (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {children}
      </body>
    </html>
  );
}
