/**
 * npm run check:make-it-yours: the README's "Make it yours" steps, followed once by code on a copy of the project.
 *
 * 1. Copies the project as a fresh clone has it (the files git knows, no .next, no .env files) to a temporary
 *    folder, node_modules hard-linked to this checkout's.
 * 2. Makes it someone else's app, editing only what the README names: in lib/common/brand.ts the name, the support
 *    address, the accent of both themes, and the home page's headline and paragraph.
 *    And switches the password fallback off (AUTH_PASSWORD=false), as step 6 of the README says one can.
 * 3. Builds it with `npm run build` (the environment check, the migrations, `next build`) and starts it in
 *    production mode on a free port, emails kept in the dev mailbox (MAIL_TRANSPORT=mailbox, allowed on a loopback
 *    BETTER_AUTH_URL).
 * 4. Checks that the home page, the sign-in page and a sign-in email carry the new name and colour and the old
 *    name and colours nowhere, and that the logo the emails point to is served as a PNG.
 *
 * Prints each step and its time. MAKE_IT_YOURS_KEEP=1 keeps the copy and the server's log in the folder it prints.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { productionEnv } from "./production-server";

const ROOT = process.cwd();
const BRAND_FILE = "lib/common/brand.ts";

/** Someone else's app: what the README's steps change, each value unlike anything the starter ships with. */
const NEW_BRAND = {
  name: "Lumen Notes",
  supportEmail: "help@lumen-notes.test",
  // Teal: white text on the light one, near-black on the dark one; both readable (tests/brand.test.ts's rules).
  accent: { light: "#0f766e", dark: "#2dd4bf" },
  headline: "Your notes, one email away",
  paragraph: "Type your email and open the link we send: your notebook is waiting on every device you use.",
};

class CheckFailed extends Error {
  override name = "CheckFailed";
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

const started = performance.now();
let stepStarted = started;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function step(what: string) {
  console.log(`\n${what}`);
  stepStarted = performance.now();
}

function done(what: string) {
  console.log(`  ✓ ${what} (${seconds(stepStarted)})`);
}

/** Replaces a field's value in a source file; the field must be there exactly once, as the README says. */
function setField(source: string, field: string, pattern: RegExp, replacement: string) {
  const matches = source.match(new RegExp(pattern.source, "g")) ?? [];
  check(matches.length === 1, `${BRAND_FILE} should have one ${field}, found ${matches.length}: the README's steps no longer match it`);
  return source.replace(pattern, replacement);
}

/** The values the starter ships with, read from the brand file before it is edited. */
function currentBrand(source: string) {
  const value = (pattern: RegExp, field: string) => {
    const found = source.match(pattern)?.[1];
    check(found, `${BRAND_FILE} has no ${field}`);
    return found;
  };
  return {
    name: value(/\bname: "([^"]+)"/, "name"),
    supportEmail: value(/\bsupportEmail: "([^"]+)"/, "supportEmail"),
    accent: { light: value(/\blight: "(#[0-9a-f]{6})"/i, "accent.light"), dark: value(/\bdark: "(#[0-9a-f]{6})"/i, "accent.dark") },
  };
}

/** The project as a fresh clone has it, plus node_modules (hard links to this checkout's) and the generated Prisma clients (ignored by git). */
function copyProject(work: string) {
  const copy = path.join(work, "app");
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  check(listed.status === 0, "git ls-files failed: run this inside the project's git checkout");
  let files = 0;
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (!existsSync(path.join(ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(copy, file), { verbatimSymlinks: true });
    files++;
  }
  // node_modules as hard links (seconds; a copy takes minutes): Turbopack refuses a symlink to a folder outside
  // the project ("Could not find the Next.js package"). Copied where links cannot reach (another file system).
  if (spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), copy]).status !== 0) {
    cpSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  cpSync(path.join(ROOT, "lib/platform/db/generated"), path.join(copy, "lib/platform/db/generated"), { recursive: true });
  return { copy, files };
}

/** The README's steps, as code: every edit is to the brand file. */
function makeItYours(copy: string) {
  const file = path.join(copy, BRAND_FILE);
  let source = readFileSync(file, "utf8");
  const before = currentBrand(source);
  source = setField(source, "name", /\bname: "[^"]+"/, `name: ${JSON.stringify(NEW_BRAND.name)}`);
  source = setField(source, "supportEmail", /\bsupportEmail: "[^"]+"/, `supportEmail: ${JSON.stringify(NEW_BRAND.supportEmail)}`);
  source = setField(source, "accent.light", /\blight: "#[0-9a-f]{6}"/i, `light: "${NEW_BRAND.accent.light}"`);
  source = setField(source, "accent.dark", /\bdark: "#[0-9a-f]{6}"/i, `dark: "${NEW_BRAND.accent.dark}"`);
  source = setField(source, "home.headline", /\bheadline: "[^"]*"/, `headline: ${JSON.stringify(NEW_BRAND.headline)}`);
  // The paragraph may be one string or several joined with +.
  source = setField(source, "home.paragraph", /\bparagraph:\s*(?:"[^"]*"\s*\+\s*)*"[^"]*"/, `paragraph: ${JSON.stringify(NEW_BRAND.paragraph)}`);
  writeFileSync(file, source);
  return before;
}

/** A port no one listens on now. */
async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }) {
  const result = spawnSync(command, args, { ...options, encoding: "utf8" });
  writeFileSync(options.log, `${result.stdout}\n${result.stderr}`);
  check(result.status === 0, `${command} ${args.join(" ")} failed (exit ${result.status}); its output:\n${result.stdout}\n${result.stderr}`);
}

async function waitForServer(url: string, server: ChildProcess) {
  const since = performance.now();
  for (;;) {
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    check(server.exitCode === null, `the server exited (${server.exitCode}) before answering ${url}`);
    check(performance.now() - since < 60_000, `the server did not answer ${url} within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the old brand must not leave anywhere, and the new one must show. */
function expectRebranded(what: string, content: string, before: ReturnType<typeof currentBrand>, mustSay: string[]) {
  for (const text of mustSay) check(content.includes(text), `${what} does not say "${text}"`);
  const lower = content.toLowerCase();
  check(!content.includes(before.name), `${what} still says the old name, "${before.name}"`);
  check(!content.includes(before.supportEmail), `${what} still has the old support address, ${before.supportEmail}`);
  for (const colour of [before.accent.light, before.accent.dark]) {
    check(!lower.includes(colour.toLowerCase()), `${what} still has the old accent ${colour}`);
  }
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), "make-it-yours-"));
  const keep = process.env.MAKE_IT_YOURS_KEEP === "1";
  let server: ChildProcess | undefined;
  try {
    step("1. A copy of the project, as a fresh clone has it");
    const { copy, files } = copyProject(work);
    done(`${files} files in ${copy}, node_modules hard-linked`);

    step(`2. The README's "Make it yours" steps, in ${BRAND_FILE}`);
    const before = makeItYours(copy);
    done(
      `"${before.name}" → "${NEW_BRAND.name}", ${before.supportEmail} → ${NEW_BRAND.supportEmail}, accent ` +
        `${before.accent.light}/${before.accent.dark} → ${NEW_BRAND.accent.light}/${NEW_BRAND.accent.dark}, new home words`,
    );

    step("3. npm run build, as a production build on this machine (emails in the dev mailbox)");
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    // Step 6 of the README: a feature switched off, here the password fallback.
    const env = productionEnv(origin, `file:${path.join(work, "app.db")}`, { AUTH_PASSWORD: "false" });
    run("npm", ["run", "build"], { cwd: copy, env, log: path.join(work, "build.log") });
    done("built");

    step(`4. next start on ${origin}`);
    const log = createWriteStream(path.join(work, "server.log"));
    server = spawn(path.join(copy, "node_modules/.bin/next"), ["start", "-p", String(port)], { cwd: copy, env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.pipe(log);
    server.stderr!.pipe(log);
    await waitForServer(`${origin}/api/health`, server);
    done("serving");

    step("5. The pages and a sign-in email carry the new brand, and nothing of the old one");
    const colour = `--brand-accent-light:${NEW_BRAND.accent.light}`;
    const home = await (await fetch(origin)).text();
    expectRebranded("The home page", home, before, [NEW_BRAND.name, NEW_BRAND.headline, NEW_BRAND.paragraph, colour, `--brand-accent-dark:${NEW_BRAND.accent.dark}`]);
    // The header's logo is drawn in the accent.
    check(home.includes(`fill="${NEW_BRAND.accent.light}"`), "The header's logo is not drawn in the new accent");
    const signIn = await (await fetch(`${origin}/sign-in`)).text();
    expectRebranded("The sign-in page", signIn, before, [`Sign in · ${NEW_BRAND.name}`, colour]);
    done("the home page and the sign-in page");

    const email = `make-it-yours-${Date.now()}@example.com`;
    const sent = await fetch(`${origin}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "x-real-ip": "10.9.8.7" },
      body: JSON.stringify({ email, callbackURL: "/dashboard" }),
    });
    check(sent.ok, `POST /api/auth/sign-in/magic-link answered ${sent.status}: ${await sent.text()}`);
    const [message] = (await (await fetch(`${origin}/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as {
      subject: string;
      html: string;
      text: string;
    }[];
    check(message, `no email reached the dev mailbox for ${email}`);
    check(message.subject === `Sign in to ${NEW_BRAND.name}`, `the email's subject is "${message.subject}"`);
    expectRebranded("The sign-in email", `${message.subject}\n${message.html}\n${message.text}`, before, [
      NEW_BRAND.name,
      NEW_BRAND.supportEmail,
      `background-color:${NEW_BRAND.accent.light}`,
      `src="${origin}/logo.png"`,
    ]);
    const logo = await fetch(`${origin}/logo.png`);
    const bytes = Buffer.from(await logo.arrayBuffer());
    check(logo.ok && logo.headers.get("content-type") === "image/png", `${origin}/logo.png answered ${logo.status} ${logo.headers.get("content-type")}`);
    check(bytes.subarray(1, 4).toString() === "PNG", `${origin}/logo.png is not a PNG`);
    done(`the sign-in email ("${message.subject}"), and its logo (${bytes.length} bytes of PNG)`);

    step("6. AUTH_PASSWORD=false: no password anywhere, its page and endpoint answer 404");
    check(!signIn.includes("Use a password instead"), "The sign-in page still offers a password");
    const passwordPage = await fetch(`${origin}/sign-in/password`);
    check(passwordPage.status === 404, `/sign-in/password answered ${passwordPage.status}, not 404`);
    const passwordSignIn = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "x-real-ip": "10.9.8.6" },
      body: JSON.stringify({ email, password: "correct horse battery" }),
    });
    check(passwordSignIn.status === 404, `POST /api/auth/sign-in/email answered ${passwordSignIn.status}, not 404`);
    done("the password page and its endpoint answer 404, and the sign-in page does not mention one");

    console.log(`\nThe README's steps made the starter "${NEW_BRAND.name}" in ${seconds(started)}.`);
  } finally {
    server?.kill("SIGTERM");
    if (keep) console.log(`Kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof CheckFailed ? `\n✗ ${error.message}` : error);
  console.error(`Failed after ${seconds(started)}.`);
  process.exit(1);
});
