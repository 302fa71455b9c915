import { createServer, request as forward } from "node:http";

/**
 * A round-robin HTTP proxy on loopback, as in front of a deployment with several instances: each request goes
 * to the next server in turn, whatever connection it arrived on (clients keep connections alive). Answers say
 * which server gave them in `x-instance` (its index), so a test can see that both took part.
 */
export function startLoadBalancer(port: number, servers: readonly number[]) {
  let next = 0;
  const proxy = createServer((incoming, outgoing) => {
    const index = next;
    next = (next + 1) % servers.length;
    const upstream = forward(
      { host: "127.0.0.1", port: servers[index], method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-instance": String(index) });
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "x-instance": String(index) });
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  proxy.listen(port, "127.0.0.1");
}
