import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

export default [
  ...nextVitals,
  ...nextTypeScript,
  { ignores: [".next/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];
