import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";

/**
 * A small stand-in for Vercel's edge in front of a build's output (.vercel/output, Build Output API v3): it
 * follows config.json's routes, phase by phase, and hands each request to the function or static file they
 * lead to, as Vercel's proxy does. What this app's routes use, nothing more:
 * - the routes before `handle: filesystem` (redirects, headers, rewrites), including the one that runs proxy.ts
 *   (`middlewarePath`), whose answer may continue (its request headers applied), rewrite, or answer itself;
 * - the filesystem (static files and functions), then the `miss` and `rewrite` phases with `check: true`;
 * - the `error` phase for what nothing matched (404).
 * Requests reach a function with `x-matched-path` (the path it was built for) and the dynamic segments in the
 * query, as Next.js's minimal mode expects; with x-forwarded-host and x-forwarded-proto set, and x-real-ip as the
 * caller gave it (the caller plays the client's edge), else the connection's address.
 */

interface Condition {
  type: "header" | "cookie" | "query" | "host";
  key?: string;
  value?: string;
}

interface Route {
  src?: string;
  dest?: string;
  headers?: Record<string, string>;
  status?: number;
  continue?: boolean;
  check?: boolean;
  has?: Condition[];
  missing?: Condition[];
  middlewarePath?: string;
  handle?: string;
}

type Phase = "main" | "filesystem" | "resource" | "miss" | "rewrite" | "hit" | "error";

/** Where a function listens: the router asks for one by its folder, the caller starts it on first use. */
export type FunctionAddress = (functionFolder: string) => Promise<number>;

interface Target {
  kind: "function" | "static";
  file: string;
  matchedPath: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".txt": "text/plain",
  ".woff2": "font/woff2",
};

function phasesOf(routes: Route[]) {
  const phases: Record<Phase, Route[]> = { main: [], filesystem: [], resource: [], miss: [], rewrite: [], hit: [], error: [] };
  let current: Phase = "main";
  for (const route of routes) {
    if (route.handle) current = route.handle as Phase;
    else phases[current].push(route);
  }
  return phases;
}

/** `$1`, `$name` in a destination or header, from the groups a route's src (and has conditions) captured. */
function substitute(template: string, groups: Record<string, string>) {
  return template.replace(/\$(\w+)/g, (whole, name: string) => groups[name] ?? (/^\d+$/.test(name) ? "" : whole));
}

function headerValue(headers: IncomingHttpHeaders, name: string) {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function startRouter({ output, port, functionPort }: { output: string; port: number; functionPort: FunctionAddress }) {
  const config = JSON.parse(readFileSync(path.join(output, "config.json"), "utf8")) as {
    routes: Route[];
    overrides?: Record<string, { path?: string; contentType?: string }>;
  };
  const phases = phasesOf(config.routes);
  const staticFiles = new Map<string, { file: string; contentType?: string }>();
  const listStatic = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) listStatic(file);
      else {
        const relative = path.relative(path.join(output, "static"), file).split(path.sep).join("/");
        const override = config.overrides?.[relative];
        staticFiles.set(`/${override?.path ?? relative}`, { file, contentType: override?.contentType });
      }
    }
  };
  if (existsSync(path.join(output, "static"))) listStatic(path.join(output, "static"));

  /** What a path leads to in the output: a static file, else a function (folder, resolved through links). */
  function lookup(pathname: string): Target | null {
    const file = staticFiles.get(pathname);
    if (file) return { kind: "static", file: file.file, matchedPath: pathname };
    const name = pathname === "/" ? "/index" : pathname;
    const folder = path.join(output, "functions", `${decodeURIComponent(name)}.func`);
    if (existsSync(folder) && statSync(folder).isDirectory()) return { kind: "function", file: realpathSync(folder), matchedPath: pathname };
    return null;
  }

  function matches(route: Route, pathname: string, request: { headers: IncomingHttpHeaders; query: URLSearchParams }) {
    if (!route.src) return null;
    // Vercel anchors every src at both ends.
    const anchored = `${route.src.startsWith("^") ? "" : "^"}${route.src}${route.src.endsWith("$") ? "" : "$"}`;
    const found = new RegExp(anchored, "i").exec(pathname);
    if (!found) return null;
    const groups: Record<string, string> = { ...found.groups };
    found.forEach((value, index) => (groups[String(index)] = value ?? ""));
    const holds = (condition: Condition) => {
      const actual =
        condition.type === "header"
          ? headerValue(request.headers, condition.key ?? "")
          : condition.type === "query"
            ? (request.query.get(condition.key ?? "") ?? undefined)
            : condition.type === "host"
              ? headerValue(request.headers, "host")
              : undefined;
      if (actual === undefined) return false;
      if (condition.value === undefined) return true;
      const valueMatch = new RegExp(`^(?:${condition.value})$`).exec(actual);
      if (valueMatch) Object.assign(groups, valueMatch.groups);
      return actual === condition.value || !!valueMatch;
    };
    if (route.has && !route.has.every(holds)) return null;
    if (route.missing && route.missing.some(holds)) return null;
    return groups;
  }

  async function send(target: string | number, init: { method: string; path: string; headers: IncomingHttpHeaders; body?: Buffer }) {
    const port = typeof target === "number" ? target : await functionPort(target);
    return new Promise<IncomingMessage>((resolve, reject) => {
      const upstream = forward({ host: "127.0.0.1", port, method: init.method, path: init.path, headers: init.headers }, resolve);
      upstream.on("error", reject);
      upstream.end(init.body);
    });
  }

  async function readAll(stream: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse) {
    const original = new URL(incoming.url ?? "/", "http://router.local");
    let pathname = original.pathname;
    const query = new URLSearchParams(original.search);
    const body = await readAll(incoming);
    const host = headerValue(incoming.headers, "x-forwarded-host") ?? headerValue(incoming.headers, "host") ?? "localhost";
    let headers: IncomingHttpHeaders = {
      ...incoming.headers,
      "x-forwarded-host": host,
      "x-forwarded-proto": "https",
      "x-real-ip": headerValue(incoming.headers, "x-real-ip") ?? incoming.socket.remoteAddress ?? "127.0.0.1",
    };
    const answerHeaders: Record<string, string | string[]> = {};
    let status: number | undefined;

    const rewrite = (destination: string) => {
      const to = new URL(destination, "http://router.local");
      pathname = to.pathname;
      to.searchParams.forEach((value, key) => query.set(key, value));
    };

    const finish = async (target: Target | null) => {
      if (!target) {
        // The error phase: the not-found page, answered with 404.
        for (const route of phases.error) {
          const groups = matches(route, pathname, { headers, query });
          if (groups && route.status === 404 && route.dest) {
            Object.assign(answerHeaders, route.headers);
            rewrite(substitute(route.dest, groups));
            const page = lookup(pathname);
            if (page) {
              status = 404;
              return finish(page);
            }
          }
        }
        outgoing.writeHead(404, answerHeaders).end("Not found");
        return;
      }
      if (target.kind === "static") {
        const type = CONTENT_TYPES[path.extname(target.file)] ?? "application/octet-stream";
        outgoing.writeHead(status ?? 200, { "content-type": type, ...answerHeaders });
        outgoing.end(readFileSync(target.file));
        return;
      }
      const search = query.toString();
      const answer = await send(target.file, {
        method: incoming.method ?? "GET",
        path: `${original.pathname}${search ? `?${search}` : ""}`,
        headers: { ...headers, "x-matched-path": target.matchedPath },
        body: body.length ? body : undefined,
      });
      outgoing.writeHead(status ?? answer.statusCode ?? 502, { ...answerHeaders, ...answer.headers });
      answer.pipe(outgoing);
    };

    // Before the filesystem: redirects, headers, proxy.ts, rewrites.
    for (const route of phases.main) {
      const groups = matches(route, pathname, { headers, query });
      if (!groups) continue;
      for (const [name, value] of Object.entries(route.headers ?? {})) answerHeaders[name.toLowerCase()] = substitute(value, groups);
      if (route.status && route.status >= 300 && route.status < 400 && answerHeaders.location) {
        return void outgoing.writeHead(route.status, answerHeaders).end();
      }
      if (route.middlewarePath) {
        const proxyFolder = lookup(route.middlewarePath);
        if (!proxyFolder) throw new Error(`config.json names ${route.middlewarePath}, which the output lacks`);
        const answer = await send(proxyFolder.file, { method: incoming.method ?? "GET", path: incoming.url ?? "/", headers, body: body.length ? body : undefined });
        const proxyHeaders = answer.headers;
        if (proxyHeaders["x-middleware-next"] !== "1" && !proxyHeaders["x-middleware-rewrite"]) {
          // proxy.ts answered by itself (a redirect, a refusal).
          outgoing.writeHead(answer.statusCode ?? 500, { ...answerHeaders, ...proxyHeaders });
          return void answer.pipe(outgoing);
        }
        await readAll(answer);
        const overridden = headerValue(proxyHeaders, "x-middleware-override-headers");
        if (overridden) {
          const next: IncomingHttpHeaders = {};
          for (const name of overridden.split(",")) next[name] = headerValue(proxyHeaders, `x-middleware-request-${name}`);
          headers = { ...next, "x-forwarded-host": headers["x-forwarded-host"], "x-forwarded-proto": "https", "x-real-ip": headers["x-real-ip"] };
        }
        const rewritten = headerValue(proxyHeaders, "x-middleware-rewrite");
        if (rewritten) rewrite(new URL(rewritten, "http://router.local").pathname);
        for (const [name, value] of Object.entries(proxyHeaders)) {
          if (!name.startsWith("x-middleware-") && value !== undefined && name !== "content-length") answerHeaders[name] = value;
        }
        continue;
      }
      if (route.status) status = route.status;
      if (route.dest) rewrite(substitute(route.dest, groups));
      if (!route.continue) break;
    }

    // The filesystem, then the rewrites that apply when it had nothing (each checked against it again).
    const found = lookup(pathname);
    if (found) return finish(found);
    for (const phase of ["filesystem", "miss", "rewrite"] as const) {
      for (const route of phases[phase]) {
        const groups = matches(route, pathname, { headers, query });
        if (!groups) continue;
        for (const [name, value] of Object.entries(route.headers ?? {})) answerHeaders[name.toLowerCase()] = substitute(value, groups);
        if (route.dest) rewrite(substitute(route.dest, groups));
        if (route.status && !route.dest) status = route.status;
        if (route.check) {
          const target = lookup(pathname);
          if (target) return finish(target);
        }
        if (!route.continue && route.dest) break;
      }
    }
    status = 404;
    return finish(null);
  }

  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing).catch((error: Error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(`router: ${error.message}`);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, "127.0.0.1");
  return server;
}
