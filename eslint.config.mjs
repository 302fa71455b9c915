import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

/**
 * Imports only point down: app/ → components/ → lib/auth → features → lib/activity → lib/platform → lib/common.
 * Features, lowest first: lib/sign-in, lib/password, lib/account, lib/two-factor, lib/social, lib/organizations,
 * lib/admin. A zone below forbids its
 * `target` to import from `from`; import/no-cycle catches the rest (dynamic imports included).
 */
const FEATURES = ["./lib/sign-in", "./lib/password", "./lib/account", "./lib/two-factor", "./lib/social", "./lib/organizations", "./lib/admin"];
const layers = [
  { target: "./lib", from: ["./app", "./components"], message: "lib/ is below the pages and components." },
  { target: "./lib/common", from: "./lib", except: ["./common"], message: "lib/common is the bottom layer: pure rules, no imports from lib/." },
  { target: "./lib/platform", from: "./lib", except: ["./common", "./platform"], message: "lib/platform may use lib/common only." },
  { target: "./lib/activity", from: [...FEATURES, "./lib/auth"], message: "lib/activity is below the features." },
  ...FEATURES.map((feature, index) => ({
    target: feature,
    from: ["./lib/auth", ...FEATURES.slice(index + 1)],
    message: "A feature never imports the auth instance (take what it needs as options) nor a feature above it.",
  })),
];

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    // No cycle of ours can pass through a package: import/no-cycle need not read node_modules (or the generated
    // Prisma client) at all, which was nine tenths of the linter's time.
    settings: { "import/ignore": ["node_modules", "lib/platform/db/generated"] },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": ["error", { zones: layers }],
    },
  },
  { ignores: [".next/**", ".data/**", "lib/platform/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
