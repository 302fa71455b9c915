import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM database drivers load at run time from node_modules instead of being bundled.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "pg"],
  // The development server logs each request's URL; sign-in and reset links carry tokens there.
  logging: { incomingRequests: { ignore: [/[?&]token=/, /\/reset-password\//] } },
};

export default nextConfig;
