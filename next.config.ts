import type { NextConfig } from "next";

const production = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
  // `next dev` would write an AGENTS.md of Next.js's own into the project on every start: not this project's file.
  agentRules: false,
  // authInterrupts: forbidden() answers 403 with app/forbidden.tsx (the admin console, to anyone not an admin).
  experimental: { agentUpgrade: false, authInterrupts: true },
  // Native and WASM database drivers load at run time from node_modules instead of being bundled.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "pg"],
  // The development server logs each request's URL; sign-in and reset links carry tokens there.
  logging: { incomingRequests: { ignore: [/[?&]token=/, /\/reset-password\//] } },
  // API answers (JSON, redirects) run no script, so they need no per-request nonce and skip proxy.ts: these
  // fixed headers are set without running any code. Pages get theirs, with the nonce, from proxy.ts.
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
        ],
      },
    ];
  },
};

export default nextConfig;
