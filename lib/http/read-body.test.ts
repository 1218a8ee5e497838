import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBody, readJsonBody, tooLargeBody, tooLargeHeaders } from "./read-body";

const KB = 1024;

/** A chunked body (no Content-Length) that never ends; counts what was pulled from it. */
function endlessRequest(chunkBytes = 16 * KB) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.chunks++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(97));
    },
  });
  return { request: new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit), pulled };
}

describe("readBody (a fetch Request)", () => {
  it("returns the bytes of a body within the limit", async () => {
    const read = await readBody(new Request("http://x/", { method: "POST", body: "Xin chào" }), 100);
    expect(read.ok && new TextDecoder().decode(read.bytes)).toBe("Xin chào");
  });

  it("stops reading a chunked body as soon as it passes the limit", async () => {
    const { request, pulled } = endlessRequest();
    expect(await readBody(request, 64 * KB)).toEqual({ ok: false, reason: "tooLarge" });
    // 64 KB is four chunks: the fifth passes it; the stream may pull one ahead.
    expect(pulled.chunks).toBeLessThanOrEqual(6);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { request, pulled } = endlessRequest();
    const declared = new Request(request, { headers: { "content-length": String(10 * 1024 * KB) } });
    expect(await readBody(declared, 64 * KB)).toEqual({ ok: false, reason: "tooLarge" });
    expect(pulled.chunks).toBeLessThanOrEqual(1);
  });

  it("parses JSON, and says why not", async () => {
    expect(await readJsonBody(new Request("http://x/", { method: "POST", body: '{"a":"Ấn"}' }), 100)).toEqual({ ok: true, value: { a: "Ấn" } });
    expect(await readJsonBody(new Request("http://x/", { method: "POST", body: "{" }), 100)).toEqual({ ok: false, reason: "badJson" });
    expect(await readJsonBody(new Request("http://x/", { method: "POST", body: "x".repeat(101) }), 100)).toEqual({ ok: false, reason: "tooLarge" });
  });

  it("says the limit in the refusal", () => {
    expect(tooLargeBody(20 * 1024 * KB + 64 * KB).message).toBe("Yêu cầu quá lớn (tối đa 20 MB).");
    expect(tooLargeBody(4 * KB).message).toBe("Yêu cầu quá lớn (tối đa 4 KB).");
  });
});

describe("readBody (a Node request), on a real server", () => {
  let server: http.Server;
  let port: number;
  const LIMIT = 256 * KB;
  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const read = await readBody(req, LIMIT);
      const [status, body] = read.ok ? [200, { bytes: read.bytes.length }] : [413, tooLargeBody(LIMIT)];
      res.writeHead(status, { "content-type": "application/json", ...(read.ok ? {} : tooLargeHeaders) });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Streams up to `total` bytes chunked; stops writing when the answer comes. */
  function send(total: number) {
    return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request({ port, method: "POST", path: "/" }, (res) => {
        answered = true;
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, sent, body }));
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * KB, 97);
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it("reads a body within the limit whole", async () => {
    expect(await send(128 * KB)).toMatchObject({ status: 200, body: JSON.stringify({ bytes: 128 * KB }) });
  });

  it("answers 413 to a chunked 200 MB body long before it is all sent", async () => {
    const result = await send(200 * 1024 * KB);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: "too_large", message: "Yêu cầu quá lớn (tối đa 256 KB)." });
    expect(result.sent).toBeLessThan(50 * 1024 * KB);
  });
});
