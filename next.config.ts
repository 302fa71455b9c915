import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM database drivers load at run time from node_modules instead of being bundled.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "pg"],
};

export default nextConfig;
