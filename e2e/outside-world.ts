import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, connect, type Socket } from "node:net";
import { CUTTABLE_LINKS, type CuttableLink, OUTSIDE_PORTS } from "./config";

/**
 * The services a deployment talks to, played locally for the test servers:
 * - a stand-in for Resend's HTTP API (the real SDK reaches it through RESEND_BASE_URL). It records what it
 *   is sent and answers like Resend, except for recipients whose address starts with "fail-" (a 500),
 *   "reject-" (a 422) or "hang-" (no answer at all);
 * - TCP proxies in front of PostgreSQL and Redis (CUTTABLE_LINKS in e2e/config.ts) that tests can cut, hang
 *   and restore, to play an unreachable or unresponsive database or Redis.
 * Tests talk to both through the stand-in's /__ endpoints.
 */

type Address = { host: string; port: number };

/**
 * A TCP proxy that can be cut (open connections dropped, new ones refused), hung (connections accepted or kept,
 * nothing passed either way: a network that loses every packet) and restored (held connections dropped, so
 * clients reconnect, as after a real partition).
 */
function cuttableLink(listenPort: number, upstream: Address) {
  const pairs = new Set<{ client: Socket; server?: Socket }>();
  let state: "up" | "down" | "hang" = "up";
  const dropAll = () => {
    for (const { client, server } of pairs) {
      client.destroy();
      server?.destroy();
    }
  };
  const server = createTcpServer((client) => {
    if (state === "down") return client.destroy();
    const pair: { client: Socket; server?: Socket } = { client };
    pairs.add(pair);
    client.on("close", () => pairs.delete(pair));
    client.on("error", () => client.destroy());
    if (state === "hang") return client.pause();
    pair.server = connect(upstream.port, upstream.host);
    client.pipe(pair.server).pipe(client);
    pair.server.on("error", () => {
      client.destroy();
      pair.server?.destroy();
    });
  });
  server.listen(listenPort, "127.0.0.1");
  return {
    down() {
      state = "down";
      dropAll();
    },
    hang() {
      state = "hang";
      for (const { client, server: upstreamSocket } of pairs) {
        client.unpipe();
        upstreamSocket?.unpipe();
        client.pause();
        upstreamSocket?.pause();
      }
    },
    up() {
      if (state === "hang") dropAll();
      state = "up";
    },
  };
}

interface SentEmail {
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  receivedAt: string;
}

/**
 * Starts the stand-ins. `upstreams` null: the Resend stand-in alone, on `port` (npm run check:vercel, whose
 * ports are its own).
 */
export function startOutsideWorld(upstreams: Record<"postgres" | "redis", Address> | null, port: number = OUTSIDE_PORTS.resend) {
  const sent: SentEmail[] = [];
  const links = Object.fromEntries(
    upstreams ? Object.entries(CUTTABLE_LINKS).map(([name, { port, to }]) => [name, cuttableLink(port, upstreams[to])]) : [],
  ) as Record<CuttableLink, ReturnType<typeof cuttableLink>>;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };

  const http = createHttpServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method === "POST" && url.pathname === "/emails") {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const email = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SentEmail;
      const to = [email.to].flat()[0] ?? "";
      if (to.startsWith("hang-")) return; // never answers
      if (to.startsWith("fail-")) return json(response, 500, { statusCode: 500, name: "application_error", message: "Internal server error" });
      if (to.startsWith("reject-")) return json(response, 422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field." });
      sent.unshift({ ...email, receivedAt: new Date().toISOString() });
      return json(response, 200, { id: `email_${sent.length}` });
    }
    if (request.method === "GET" && url.pathname === "/__emails") {
      const to = url.searchParams.get("to");
      return json(response, 200, sent.filter((email) => !to || [email.to].flat().includes(to)));
    }
    const cut = /^\/__([a-z-]+)\/(down|hang|up)$/.exec(url.pathname);
    if (request.method === "POST" && cut && cut[1] in links) {
      const [, name, state] = cut;
      links[name as CuttableLink][state as "down" | "hang" | "up"]();
      return json(response, 200, { [name]: state });
    }
    json(response, 404, { message: "Not found" });
  });

  // Idle connections stay open longer than any pause between sends: with Node's default 5 s, the servers' pooled
  // connections to this stand-in are closed all at once just as a burst of sends reuses them ("fetch failed").
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  http.listen(port, "127.0.0.1");
  return http;
}
