/**
 * npm run lighthouse: Lighthouse scores (performance, accessibility, best practices) of the main pages on
 * the production build, printed. Runs Lighthouse's own CLI against Debian's Chromium (or CHROMIUM_PATH).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startProductionServer } from "./production-server";

const PAGES = ["/sign-in", "/", "/sign-up"];
const LIGHTHOUSE = path.join(process.cwd(), "node_modules", ".bin", "lighthouse");
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chromeFlags = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
].join(" ");

function audit(url: string) {
  const output = execFileSync(
    LIGHTHOUSE,
    [
      url,
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      "--only-categories=performance,accessibility,best-practices",
      `--chrome-flags=${chromeFlags}`,
    ],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...(existsSync(chromePath) ? { CHROME_PATH: chromePath } : {}) },
    },
  );
  const { categories } = JSON.parse(output) as { categories: Record<string, { score: number | null }> };
  return (id: string) => String(Math.round((categories[id]?.score ?? 0) * 100));
}

async function main() {
  const server = await startProductionServer({ name: "lighthouse", port: 3302 });
  try {
    console.log("Lighthouse (mobile, simulated throttling), production build:");
    console.log(`${"page".padEnd(14)} performance  accessibility  best-practices`);
    for (const page of PAGES) {
      const score = audit(`${server.origin}${page}`);
      console.log(
        `${page.padEnd(14)} ${score("performance").padStart(11)}  ${score("accessibility").padStart(13)}  ${score("best-practices").padStart(14)}`,
      );
    }
  } finally {
    server.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
