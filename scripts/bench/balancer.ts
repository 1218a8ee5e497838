/**
 * A small reverse proxy standing in for nginx in front of several app servers (decision 0035,
 * point 5: the fault test drives its load through a balancer, as the national deployment will).
 * It copies the nginx defaults that matter to the fault test, and no more:
 *
 *  - round robin over the upstreams, one step per request (`upstream { server …; server …; }`);
 *  - request and response bodies streamed, never buffered whole;
 *  - Host kept as the client sent it, X-Forwarded-For appended, X-Forwarded-Proto set
 *    (`proxy_set_header Host $host`, `$proxy_add_x_forwarded_for`, `$scheme`): next-auth builds
 *    its URLs from NEXTAUTH_URL, which is the balancer's address, and the Host must agree;
 *  - keep-alive connections to the upstreams (`keepalive` in the upstream block);
 *  - `proxy_next_upstream error`: a connection that fails before any byte of the request reached
 *    the upstream marks that upstream down for `downMs` (`fail_timeout`, 10 s) and the request
 *    goes to the next one. A request whose body may have reached an upstream is not sent again
 *    unless it is idempotent and has no body, so a POST that an upstream dies under gets 502: the
 *    door's client resends it with the same nonce, which is what makes that safe.
 *
 * Not done, because nothing here needs them: WebSocket upgrades, timeouts, buffering to disk.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);
/** nginx never passes these to a second upstream once they were sent (`non_idempotent` is off). */
const NON_IDEMPOTENT = new Set(["POST", "PATCH", "LOCK"]);

export interface BalancerStats {
  /** Requests each upstream answered (its response headers reached the balancer), by base URL. */
  answered: Record<string, number>;
  /** Times a request moved on to the next upstream after a connection error. */
  failovers: number;
  /** Requests answered 502 by the balancer itself: every upstream failed, or the request could not be resent. */
  badGateway: number;
  /** Responses cut after their headers had gone to the client (an upstream died while sending the body). */
  cut: number;
}

export interface Balancer {
  base: string;
  close(): Promise<void>;
  stats(): BalancerStats;
}

function forwardedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const named = new Set((req.headers.connection ?? "").split(",").map((t) => t.trim().toLowerCase()));
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && !named.has(name) && value !== undefined) headers[name] = value;
  }
  const address = req.socket.remoteAddress ?? "";
  const before = req.headers["x-forwarded-for"];
  headers["x-forwarded-for"] = before ? `${before}, ${address}` : address;
  headers["x-forwarded-proto"] = "http";
  return headers;
}

function responseHeaders(upstream: http.IncomingMessage): http.OutgoingHttpHeaders {
  const named = new Set((upstream.headers.connection ?? "").split(",").map((t) => t.trim().toLowerCase()));
  const headers: http.OutgoingHttpHeaders = {};
  // set-cookie stays an array: one header line per cookie, as the upstream sent them.
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (!HOP_BY_HOP.has(name) && !named.has(name) && value !== undefined) headers[name] = value;
  }
  return headers;
}

function hasBody(req: http.IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

export async function startBalancer(upstreams: string[], port = 0, { downMs = 10_000 }: { downMs?: number } = {}): Promise<Balancer> {
  if (upstreams.length === 0) throw new Error("startBalancer: no upstream");
  // Idle connections are dropped after 60 s, before server.ts's keepAliveTimeout (65 s) would close them under a request.
  const agent = new http.Agent({ keepAlive: true, timeout: 60_000 });
  const downUntil = upstreams.map(() => 0);
  const stats: BalancerStats = { answered: Object.fromEntries(upstreams.map((u) => [u, 0])), failovers: 0, badGateway: 0, cut: 0 };
  let turn = 0;

  /** This request's upstreams in round-robin order, live ones only; all of them when none is live (one may be back). */
  function order(): number[] {
    const start = turn++ % upstreams.length;
    const all = upstreams.map((_, i) => (start + i) % upstreams.length);
    const live = all.filter((i) => downUntil[i] <= Date.now());
    return live.length > 0 ? live : all;
  }

  function badGateway(res: http.ServerResponse) {
    stats.badGateway++;
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end("502 Bad Gateway\n");
  }

  function proxy(req: http.IncomingMessage, res: http.ServerResponse, candidates: number[]) {
    const index = candidates[0];
    const target = new URL(req.url ?? "/", upstreams[index]);
    // The client left: whatever the upstream does now is no failure of the upstream's.
    let clientGone = false;
    let sent = false;
    let responded = false;
    const upstream = http.request(target, { method: req.method, headers: forwardedHeaders(req), agent });
    res.on("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    // Nothing is written until the connection stands, so that a refused connection leaves the body unread for the next upstream.
    upstream.on("socket", (socket) => {
      const send = () => {
        sent = true;
        if (hasBody(req)) req.pipe(upstream);
        else upstream.end();
      };
      if (socket.connecting) socket.once("connect", send);
      else send();
    });
    upstream.on("response", (answer) => {
      responded = true;
      stats.answered[upstreams[index]]++;
      if (clientGone) return void answer.resume();
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
      answer.pipe(res);
      // The upstream died while sending the body: the client sees a cut response, as nginx does.
      answer.on("error", () => {
        stats.cut++;
        res.destroy();
      });
    });
    upstream.on("error", () => {
      if (clientGone || responded) return;
      req.unpipe(upstream);
      downUntil[index] = Date.now() + downMs;
      const resendable = !sent || (!NON_IDEMPOTENT.has(req.method ?? "GET") && !hasBody(req));
      if (resendable && candidates.length > 1) {
        stats.failovers++;
        proxy(req, res, candidates.slice(1));
      } else badGateway(res);
    });
  }

  const server = http.createServer((req, res) => proxy(req, res, order()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    stats: () => ({ ...stats, answered: { ...stats.answered } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
