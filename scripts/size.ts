/**
 * npm run size: the JavaScript each page loads on first visit (gzip), from the production build, printed.
 * Counts every script the page's HTML loads or preloads, as a modern browser fetches them.
 */
import { gzipSync } from "node:zlib";
import { signedInCookie, startProductionServer } from "./production-server";

const PAGES = ["/", "/sign-in", "/sign-in/password", "/sign-up", "/forgot-password", "/sign-in/confirm", "/dashboard"];

async function main() {
  const server = await startProductionServer({ name: "size", port: 3301 });
  const { origin } = server;
  try {
    const cookie = await signedInCookie(origin, "size@example.com");
    const gzipSize = new Map<string, number>();
    console.log(`First-load JavaScript per page (gzip), production build:`);
    for (const page of PAGES) {
      const html = await (await fetch(`${origin}${page}`, { headers: { cookie } })).text();
      const scripts = new Set<string>();
      for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
        // noModule scripts are for browsers without ES modules: modern ones skip them.
        if (/noModule/i.test(tag)) continue;
        const source = tag.startsWith("<script") ? tag.match(/\bsrc="([^"]+)"/) : tag.match(/as="script"[^>]*href="([^"]+)"/);
        if (source) scripts.add(source[1]);
      }
      let total = 0;
      for (const src of scripts) {
        if (!gzipSize.has(src)) {
          const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer());
          gzipSize.set(src, gzipSync(body).length);
        }
        total += gzipSize.get(src)!;
      }
      console.log(`${page.padEnd(22)} ${(total / 1024).toFixed(1).padStart(7)} KB   (${scripts.size} scripts)`);
    }
  } finally {
    server.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
