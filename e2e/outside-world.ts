import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, connect, type Socket } from "node:net";
import { OUTSIDE_PORTS } from "./config";

/**
 * The services a deployment talks to, played locally for the "deployed" test server:
 * - a stand-in for Resend's HTTP API (the real SDK reaches it through RESEND_BASE_URL). It records what it
 *   is sent and answers like Resend, except for recipients whose address starts with "fail-" (a 500),
 *   "reject-" (a 422) or "hang-" (no answer at all);
 * - a TCP proxy in front of PostgreSQL that tests can cut and restore, to play an unreachable database.
 * Tests talk to both through the stand-in's /__ endpoints.
 */

interface SentEmail {
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  receivedAt: string;
}

export function startOutsideWorld(postgres: { host: string; port: number }) {
  const sent: SentEmail[] = [];
  const clientSockets = new Set<Socket>();
  let databaseUp = true;

  const database = createTcpServer((client) => {
    if (!databaseUp) return client.destroy();
    const upstream = connect(postgres.port, postgres.host);
    clientSockets.add(client);
    client.on("close", () => clientSockets.delete(client));
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop);
    upstream.on("error", drop);
  });

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
    if (request.method === "POST" && url.pathname === "/__database/down") {
      databaseUp = false;
      for (const socket of clientSockets) socket.destroy();
      return json(response, 200, { database: "down" });
    }
    if (request.method === "POST" && url.pathname === "/__database/up") {
      databaseUp = true;
      return json(response, 200, { database: "up" });
    }
    json(response, 404, { message: "Not found" });
  });

  http.listen(OUTSIDE_PORTS.resend, "127.0.0.1");
  database.listen(OUTSIDE_PORTS.database, "127.0.0.1");
}
