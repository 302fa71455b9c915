import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, connect, type Socket } from "node:net";
import { CUTTABLE_LINKS, type CuttableLink, OUTSIDE_PORTS } from "./config";

/**
 * The services a deployment talks to, played locally for the test servers:
 * - a stand-in for Resend's HTTP API (the real SDK reaches it through RESEND_BASE_URL). It records what it
 *   is sent and answers like Resend, except for recipients whose address starts with "fail-" (a 500),
 *   "reject-" (a 422) or "hang-" (no answer at all);
 * - TCP proxies in front of PostgreSQL and Redis (CUTTABLE_LINKS in e2e/config.ts) that tests can cut and
 *   restore, to play an unreachable database or Redis.
 * Tests talk to both through the stand-in's /__ endpoints.
 */

type Address = { host: string; port: number };

/** A TCP proxy that can be cut (open connections dropped, new ones refused) and restored. */
function cuttableLink(listenPort: number, upstream: Address) {
  const clientSockets = new Set<Socket>();
  let up = true;
  const server = createTcpServer((client) => {
    if (!up) return client.destroy();
    const upstreamSocket = connect(upstream.port, upstream.host);
    clientSockets.add(client);
    client.on("close", () => clientSockets.delete(client));
    client.pipe(upstreamSocket).pipe(client);
    const drop = () => {
      client.destroy();
      upstreamSocket.destroy();
    };
    client.on("error", drop);
    upstreamSocket.on("error", drop);
  });
  server.listen(listenPort, "127.0.0.1");
  return {
    cut() {
      up = false;
      for (const socket of clientSockets) socket.destroy();
    },
    restore() {
      up = true;
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

export function startOutsideWorld(upstreams: Record<"postgres" | "redis", Address>) {
  const sent: SentEmail[] = [];
  const links = Object.fromEntries(
    Object.entries(CUTTABLE_LINKS).map(([name, { port, to }]) => [name, cuttableLink(port, upstreams[to])]),
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
    const cut = /^\/__([a-z-]+)\/(down|up)$/.exec(url.pathname);
    if (request.method === "POST" && cut && cut[1] in links) {
      const [, name, state] = cut;
      if (state === "down") links[name as CuttableLink].cut();
      else links[name as CuttableLink].restore();
      return json(response, 200, { [name]: state });
    }
    json(response, 404, { message: "Not found" });
  });

  http.listen(OUTSIDE_PORTS.resend, "127.0.0.1");
}
