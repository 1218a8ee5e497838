import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startBalancer, type Balancer } from "./balancer";

/** Real node:http upstreams, closed after each test with the balancer. */
const opened: { close(): Promise<void> }[] = [];

async function upstream(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const connections = { count: 0 };
  server.on("connection", () => connections.count++);
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  opened.push({ close });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections, close };
}

/** An upstream that answers its own name. */
const named = (name: string) => upstream((_req, res) => res.end(name));

async function balancer(upstreams: string[], options?: { downMs?: number }): Promise<Balancer> {
  const b = await startBalancer(upstreams, 0, options);
  opened.push(b);
  return b;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

describe("startBalancer", () => {
  it("spreads requests round robin and keeps its connections to the upstreams alive", async () => {
    const upstreams = await Promise.all(["a", "b", "c"].map(named));
    const lb = await balancer(upstreams.map((u) => u.base));
    const answers: string[] = [];
    for (let i = 0; i < 9; i++) answers.push(await (await fetch(`${lb.base}/x`)).text());
    expect(answers.join("")).toBe("abcabcabc");
    expect(Object.values(lb.stats().answered)).toEqual([3, 3, 3]);
    expect(upstreams.map((u) => u.connections.count)).toEqual([1, 1, 1]);
  });

  it("moves on from an upstream that refuses the connection, marks it down, and sends the POST's body to the next", async () => {
    const dead = await named("dead");
    await dead.close();
    const bodies: string[] = [];
    const live = await upstream((req, res) => {
      void readBody(req).then((body) => {
        bodies.push(body.toString());
        res.end("live");
      });
    });
    const lb = await balancer([dead.base, live.base]);
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${lb.base}/api/checkin`, { method: "POST", body: `scan ${i}` });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("live");
    }
    expect(bodies).toEqual(["scan 0", "scan 1", "scan 2", "scan 3"]);
    // Down for fail_timeout after the first refusal: the later requests go straight to the live one.
    expect(lb.stats()).toMatchObject({ answered: { [dead.base]: 0, [live.base]: 4 }, failovers: 1, badGateway: 0 });
  });

  it("tries a down upstream again once its time is over", async () => {
    const a = await named("a");
    const port = new URL(a.base).port;
    await a.close();
    const b = await named("b");
    const lb = await balancer([a.base, b.base], { downMs: 100 });
    expect(await (await fetch(lb.base)).text()).toBe("b");
    const back = http.createServer((_req, res) => res.end("a again"));
    await new Promise<void>((resolve) => back.listen(Number(port), "127.0.0.1", resolve));
    opened.push({ close: () => new Promise<void>((resolve) => (back.close(() => resolve()), back.closeAllConnections())) });
    await new Promise((r) => setTimeout(r, 150));
    const answers = new Set<string>();
    for (let i = 0; i < 4; i++) answers.add(await (await fetch(lb.base)).text());
    expect(answers).toEqual(new Set(["a again", "b"]));
  });

  it("answers 502 and never resends a POST whose upstream died after reading its body", async () => {
    let dyingSaw = "";
    const dying = await upstream((req) => {
      void readBody(req).then((body) => {
        dyingSaw = body.toString();
        req.socket.destroy();
      });
    });
    let otherCalls = 0;
    const other = await upstream((_req, res) => {
      otherCalls++;
      res.end("other");
    });
    const lb = await balancer([dying.base, other.base]);
    const response = await fetch(`${lb.base}/api/checkin`, { method: "POST", body: "once only" });
    expect(response.status).toBe(502);
    expect(dyingSaw).toBe("once only");
    expect(otherCalls).toBe(0);
    expect(lb.stats()).toMatchObject({ failovers: 0, badGateway: 1, answered: { [dying.base]: 0, [other.base]: 0 } });
    // The next request goes to the other upstream: the dying one is marked down.
    expect(await (await fetch(lb.base)).text()).toBe("other");
  });

  it("sends a GET to the next upstream when the first dies before answering (no body to resend)", async () => {
    const dying = await upstream((req) => req.socket.destroy());
    const other = await named("other");
    const lb = await balancer([dying.base, other.base]);
    const response = await fetch(lb.base);
    expect(await response.text()).toBe("other");
    expect(lb.stats()).toMatchObject({ failovers: 1, badGateway: 0 });
  });

  it("answers 502 when every upstream refuses", async () => {
    const a = await named("a");
    await a.close();
    const lb = await balancer([a.base]);
    expect((await fetch(lb.base)).status).toBe(502);
    expect(lb.stats().badGateway).toBe(1);
  });

  it("streams bodies both ways and passes headers, the forwarding headers and every set-cookie", async () => {
    let seen: http.IncomingHttpHeaders = {};
    const echo = await upstream((req, res) => {
      seen = req.headers;
      res.statusCode = 201;
      res.setHeader("x-upstream", "yes");
      res.setHeader("set-cookie", ["a=1; Path=/; HttpOnly", "b=2; Path=/"]);
      req.pipe(res);
    });
    const lb = await balancer([echo.base]);
    // 2 MB, sent chunked: neither side may need it whole.
    const chunk = Buffer.alloc(64 * 1024, "x");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 32; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${lb.base}/path?q=1`, {
      method: "PUT",
      headers: { "x-custom": "kept", cookie: "session=abc", "x-forwarded-for": "10.0.0.9" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-upstream")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/"]);
    expect((await response.arrayBuffer()).byteLength).toBe(32 * chunk.length);
    expect(seen["x-custom"]).toBe("kept");
    expect(seen.cookie).toBe("session=abc");
    expect(seen.host).toBe(new URL(lb.base).host);
    expect(seen["x-forwarded-for"]).toBe("10.0.0.9, 127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen["transfer-encoding"]).toBe("chunked");
  });
});
