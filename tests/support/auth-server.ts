import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createAuthClient } from "better-auth/client";
import { adminClient, emailOTPClient, magicLinkClient, organizationClient, twoFactorClient } from "better-auth/client/plugins";
import { afterAll } from "vitest";
import { migrate } from "@/lib/platform/db/migrate";

/**
 * The app's auth server in the test's own process, the way better-auth tests its plugins: the real instance
 * (lib/auth/index.ts, every hook and plugin) on a SQLite file of its own, migrated from the committed
 * migrations, called through the route handlers Next.js mounts (lib/auth/handler.ts, lib/auth/confirm.ts) with
 * real Requests, and through the official client with a fetch that goes to those handlers. Emails land in the
 * dev mailbox table. Vitest gives every test file its own modules, so each file gets its own server and its own
 * environment: a setting that changes the server (EMAIL_SIGN_IN, AUTH_DISABLE_SIGN_UP) gets a file of its own.
 */

export const APP_ORIGIN = "http://localhost:3000";
const API = `${APP_ORIGIN}/api/auth`;
export const TRUSTED_ORIGIN = "https://trusted.example.test";

/** The environment every server starts from, as a deployment behind a proxy (x-real-ip) with 3 emails per address. */
const BASE_ENV = {
  BETTER_AUTH_SECRET: "vitest-secret-Xr4Lp9Qw2Zs7Nb5Hc8Jd3Kf6",
  BETTER_AUTH_URL: APP_ORIGIN,
  MAIL_TRANSPORT: "mailbox",
  TRUSTED_IP_HEADER: "x-real-ip",
  TRUSTED_ORIGINS: TRUSTED_ORIGIN,
  MAGIC_LINK_ADDRESS_LIMIT: "3",
};

/** Settings a file may change; unset unless it does, whatever the process held before. */
const VARIABLE_ENV = [
  "EMAIL_SIGN_IN",
  "AUTH_DISABLE_SIGN_UP",
  "AUTH_PASSWORD",
  "AUTH_PASSKEYS",
  "AUTH_TWO_FACTOR",
  "MAGIC_LINK_EXPIRES_IN",
  "MAGIC_LINK_RATE_LIMIT",
  "SESSION_CACHE_SECONDS",
  "REDIS_URL",
  "RESEND_API_KEY",
  "EMAIL_FROM",
  "VERCEL",
  "GITHUB_CLIENT_ID",
  "GITHUB_CLIENT_SECRET",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_CLIENT_SECRET",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "OIDC_PROVIDER_NAME",
  "ADMIN_EMAILS",
];

let lastIp = 0;
/** A client address of its own (TEST-NET-2), so one test's requests never count against another's per-IP limits. */
export const newClientIp = () => `198.51.${Math.floor(++lastIp / 250) % 250}.${(lastIp % 250) + 1}`;

/** A fresh address per test. */
export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@example.com`;

/** A wrong code: the right one with the digits at `positions` (all of them by default) changed. */
export const wrongCode = (code: string, positions = [0, 1, 2, 3, 4, 5]) =>
  [...code].map((digit, index) => (positions.includes(index) ? String((Number(digit) + 1) % 10) : digit)).join("");

type Body = Record<string, unknown> | string;
export interface RequestOptions {
  /** Extra headers; a null value removes one the device would send (origin, x-real-ip). */
  headers?: Record<string, string | null>;
  /** Send the body as a form (application/x-www-form-urlencoded) instead of JSON. */
  form?: boolean;
}

export async function startAuthServer(env: Record<string, string> = {}) {
  const file = path.join(process.cwd(), ".data", "vitest", `${randomUUID()}.db`);
  mkdirSync(path.dirname(file), { recursive: true });
  const databaseUrl = `file:${file}`;
  for (const name of VARIABLE_ENV) delete process.env[name];
  Object.assign(process.env, BASE_ENV, env, { DATABASE_URL: databaseUrl });
  await migrate(databaseUrl);
  // lib/platform/db keeps one client per process on globalThis (Next.js reloads modules): this file's server needs
  // a client of its own, on its own file.
  delete (globalThis as { db?: unknown }).db;

  // Only now: these modules read the environment when they load.
  const [{ GET, POST }, { confirmMagicLink, confirmEmailChange }, { db }, { listMailbox }, { getEnv }, { logger }, { backgroundWorkDone }] =
    await Promise.all([
      import("@/lib/auth/handler"),
      import("@/lib/auth/confirm"),
      import("@/lib/platform/db"),
      import("@/lib/platform/email/mailbox"),
      import("@/lib/platform/env"),
      import("@/lib/platform/log"),
      import("@/lib/platform/background"),
    ]);
  // The server's log stays out of the test report; set a level ("info") here to read it while debugging.
  logger.level = "silent";

  afterAll(async () => {
    await db.$disconnect();
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });

  /** The route a request reaches, as the app's route files mount them (app/api/auth/). */
  function routeOf(request: Request) {
    const { pathname } = new URL(request.url);
    if (request.method === "POST" && pathname === "/api/auth/magic-link/confirm") return confirmMagicLink;
    if (request.method === "POST" && pathname === "/api/auth/verify-email/confirm") return confirmEmailChange;
    return request.method === "POST" ? POST : GET;
  }

  /**
   * Answers a request, then (unless `answerOnly`) waits for what the server does after answering (emails sent in
   * the background), as a person would before opening their inbox.
   */
  async function route(request: Request, { answerOnly = false } = {}) {
    const response = await routeOf(request)(request);
    if (!answerOnly) await backgroundWorkDone();
    return response;
  }

  /**
   * One client: a browser or a script with its own address and cookie jar (a copy of `cookies`, if given: the
   * same browser seen from another address). Requests go to the route handlers; redirects are not followed,
   * cookies the server sets are kept and sent back. `answerOnly`: each request returns with its answer, not
   * waiting for the server's work after it. `ip`: the client address the proxy reports (x-real-ip), if not a new one.
   */
  function device({
    cookies: held = [],
    answerOnly = false,
    ip = newClientIp(),
  }: { cookies?: Iterable<[string, string]>; answerOnly?: boolean; ip?: string } = {}) {
    const cookies = new Map<string, string>(held);

    function storeCookies(response: Response) {
      for (const header of response.headers.getSetCookie()) {
        const [pair, ...attributes] = header.split(";");
        const separator = pair.indexOf("=");
        const name = pair.slice(0, separator).trim();
        const value = pair.slice(separator + 1).trim();
        const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
        if (expired) cookies.delete(name);
        else cookies.set(name, value);
      }
    }

    function headersFor(extra: Record<string, string | null> = {}) {
      const headers = new Headers({ "x-real-ip": ip });
      if (cookies.size) headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
      for (const [name, value] of Object.entries(extra)) {
        if (value === null) headers.delete(name);
        else headers.set(name, value);
      }
      return headers;
    }

    async function send(request: Request) {
      const response = await route(request, { answerOnly });
      storeCookies(response);
      return response;
    }

    const url = (target: string) => (/^https?:/.test(target) ? target : `${API}${target}`);

    /** A POST as a page of this app sends it (Origin: the app), JSON unless `form`. */
    function post(target: string, body: Body = {}, { headers = {}, form = false }: RequestOptions = {}) {
      const encoded =
        typeof body === "string"
          ? body
          : form
            ? new URLSearchParams(body as Record<string, string>).toString()
            : JSON.stringify(body);
      const contentType = form ? "application/x-www-form-urlencoded" : "application/json";
      // As an HTTP client sends it: the body's length in Content-Length.
      const length = String(Buffer.byteLength(encoded));
      return send(
        new Request(url(target), {
          method: "POST",
          body: encoded,
          headers: headersFor({ origin: APP_ORIGIN, "content-type": contentType, "content-length": length, ...headers }),
        }),
      );
    }

    function get(target: string | URL, { headers = {} }: Pick<RequestOptions, "headers"> = {}) {
      return send(new Request(url(target.toString()), { headers: headersFor(headers) }));
    }

    function head(target: string | URL) {
      return send(new Request(url(target.toString()), { method: "HEAD", headers: headersFor() }));
    }

    /** The confirmation page's Continue button: its form POSTed from the page (Sec-Fetch-Site: same-origin). */
    function confirm(link: URL, headers: Record<string, string | null> = {}) {
      return post("/magic-link/confirm", Object.fromEntries(link.searchParams), {
        form: true,
        headers: { "sec-fetch-site": "same-origin", ...headers },
      });
    }

    /** Opens a link the way API clients do: GET /api/auth/magic-link/verify with the link's query. */
    function openLink(link: URL) {
      return get(verifyUrl(link));
    }

    async function session() {
      const response = await get("/get-session");
      return (await response.json()) as { user: { id: string; email: string; emailVerified: boolean; name: string } } | null;
    }

    /** The official better-auth client, its requests going to this device's handlers. */
    const client = createAuthClient({
      baseURL: API,
      plugins: [magicLinkClient(), emailOTPClient(), twoFactorClient(), organizationClient(), adminClient()],
      fetchOptions: {
        customFetchImpl: async (input, init) => {
          const request = new Request(input, init);
          const headers = headersFor(request.method === "POST" ? { origin: APP_ORIGIN } : {});
          request.headers.forEach((value, name) => headers.set(name, value));
          return send(new Request(request, { headers }));
        },
      },
    });

    return { ip, cookies, post, get, head, confirm, openLink, session, client };
  }

  /** The emails stored for an address, newest first. */
  const mailbox = (to: string) => listMailbox({ to });

  async function latestEmail(to: string) {
    const [email] = await mailbox(to);
    if (!email) throw new Error(`No email to ${to}`);
    return email;
  }

  /** The first link under `pathname` in the newest email to an address: by default, a sign-in link's page. */
  async function latestLink(to: string, pathname = "/sign-in/confirm") {
    const { text } = await latestEmail(to);
    const link = text
      .match(/https?:\/\/\S+/g)
      ?.map((found) => new URL(found))
      .find((found) => found.pathname === pathname || found.pathname.startsWith(`${pathname}/`));
    if (!link) throw new Error(`No ${pathname} link in the newest email to ${to}`);
    return link;
  }

  /** The sign-in code in the newest email to an address. */
  async function latestCode(to: string) {
    const code = (await latestEmail(to)).text.match(/\b\d{6}\b/)?.[0];
    if (!code) throw new Error(`No code in the newest email to ${to}`);
    return code;
  }

  /** Asks for a sign-in email as the sign-in page does, and returns the link it holds. */
  async function requestLink(email: string, body: Record<string, string> = {}, from = device()) {
    const response = await from.post("/sign-in/magic-link", { email, callbackURL: "/dashboard", ...body });
    if (response.status !== 200) throw new Error(`Sending a link answered ${response.status}: ${await response.text()}`);
    return latestLink(email);
  }

  /** An address signed in once (its account exists), on a device of its own. */
  async function signedIn(email = uniqueEmail("member")) {
    const browser = device();
    const response = await browser.confirm(await requestLink(email, {}, browser));
    if (!browser.cookies.size) throw new Error(`Signing in ${email} answered ${response.status}`);
    return browser;
  }

  /** The activity events recorded, oldest first, with their details parsed. */
  async function activity(where: { userId?: string | null; type?: string } = {}) {
    const rows = await db.activityEvent.findMany({ where, orderBy: { id: "asc" } });
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }

  /**
   * A password account as sign-up makes one: signed up, its address confirmed by the emailed link, then signed in
   * with the password on a device of its own.
   */
  async function passwordAccount(email = uniqueEmail("password"), password = "correct horse battery") {
    const signUp = await device().post("/sign-up/email", { email, password, name: "Pat" });
    if (signUp.status !== 200) throw new Error(`Sign-up answered ${signUp.status}: ${await signUp.text()}`);
    await device().get(await latestLink(email, "/api/auth/verify-email"));
    const browser = device();
    const signIn = await browser.post("/sign-in/email", { email, password });
    if (signIn.status !== 200) throw new Error(`Password sign-in answered ${signIn.status}: ${await signIn.text()}`);
    return { email, password, browser };
  }

  /** An account that exists without ever having signed in, as an invitation would make one. */
  const addMember = (email: string) =>
    db.user.create({ data: { id: randomUUID(), name: "Member", email, emailVerified: true } });

  /** How many sign-in links the database holds for an address (used links are gone; expired ones may linger). */
  const linkRowsFor = (email: string) =>
    db.verification.count({ where: { identifier: { startsWith: "magic-link:" }, value: { contains: `"email":"${email}"` } } });

  const userByEmail = (email: string) => db.user.findUnique({ where: { email } });
  const sessionsOf = async (email: string) => db.session.count({ where: { user: { email } } });

  return {
    env: getEnv(),
    db,
    backgroundWorkDone,
    device,
    mailbox,
    latestEmail,
    latestLink,
    latestCode,
    requestLink,
    signedIn,
    addMember,
    passwordAccount,
    activity,
    linkRowsFor,
    userByEmail,
    sessionsOf,
  };
}

export type AuthServer = Awaited<ReturnType<typeof startAuthServer>>;
export type Device = ReturnType<AuthServer["device"]>;

/** The API's own verify URL for an emailed link (same query): what clients of the protocol use. */
export function verifyUrl(link: URL) {
  const url = new URL(link);
  url.pathname = "/api/auth/magic-link/verify";
  return url;
}

/** A response's JSON body. */
export const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;
