/**
 * Serves one assembled Vercel function over node:http, as Vercel's Node.js runtime runs it:
 *   node function-host.mjs <function folder> <port>
 * The folder holds what the function ships with (its .func folder and every file of its filePathMap) and
 * nothing else. Its handler (.vc-config.json) exports either a (req, res) handler (pages and routes) or, with
 * useWebApi (proxy.ts), a function from a web Request to a Response. Prints "listening" once it serves.
 * Plain JavaScript: it runs on the Node.js release the functions declare, with nothing else loaded first.
 */
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";

const [folder, port] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(path.join(folder, ".vc-config.json"), "utf8"));
// The launcher is CommonJS (___next_launcher.cjs), loaded as Vercel's runtime loads it.
const handler = createRequire(import.meta.url)(path.resolve(folder, config.handler));

/** A web-API handler served over node:http: the request as a Request, its Response written back. */
const servedAsWebApi = (handle) => async (req, res) => {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value].flat()) if (one !== undefined) headers.append(name, one);
  }
  const body = method === "GET" || method === "HEAD" ? undefined : Readable.toWeb(req);
  const request = new Request(`http://${req.headers.host}${req.url}`, { method, headers, body, duplex: "half" });
  const response = await handle(request);
  const answer = [];
  response.headers.forEach((value, name) => name !== "set-cookie" && answer.push(name, value));
  for (const cookie of response.headers.getSetCookie()) answer.push("set-cookie", cookie);
  res.writeHead(response.status, answer);
  res.end(Buffer.from(await response.arrayBuffer()));
};

const server = http.createServer(config.useWebApi ? servedAsWebApi(handler) : handler);
// The router in front keeps connections alive; they must outlive its pauses between requests.
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1", () => console.log("listening"));
