import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainTranslator } from "@/lib/i18n/plain-translator";
import { readBody, readJsonBody, tooLargeHeaders } from "./read-body";
import { errorBody, tooLarge } from "./request-error";

/** The 413 every reader answers (lib/http/request-error.ts), in Vietnamese. */
const tooLargeBody = (maxBytes: number) => errorBody(tooLarge(maxBytes), plainTranslator("vi"));

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
    const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
      const read = await readBody(req, LIMIT);
      const [status, body] = read.ok ? [200, { bytes: read.bytes.length }] : [413, tooLargeBody(LIMIT)];
      const json = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...(read.ok ? {} : tooLargeHeaders) });
      res.end(json);
    };
    server = http.createServer((req, res) => void answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  interface Sent {
    /** The status line's code, if an answer came. */
    status?: number;
    body: string;
    /** Bytes of body written when the answer came, and in all. */
    sentWhenAnswered?: number;
    sent: number;
    error?: string;
  }

  /**
   * A raw HTTP/1.1 client: up to `total` bytes of chunked body. One that reads as it sends
   * stops writing when the answer comes; one that does not writes everything it can first.
   */
  function send(total: number, { stopOnAnswer = true } = {}) {
    return new Promise<Sent>((resolve) => {
      const out: Sent = { sent: 0, body: "" };
      let answer = "";
      const socket = net.connect(port, "127.0.0.1");
      socket.on("data", (d) => {
        if (out.status === undefined) out.sentWhenAnswered = out.sent;
        answer += d.toString("utf8");
        const [head, body = ""] = answer.split("\r\n\r\n");
        out.status = Number(head.split(" ")[1]);
        out.body = body;
        if (stopOnAnswer && Buffer.byteLength(body) >= Number(/content-length: (\d+)/i.exec(head)?.[1] ?? Infinity)) socket.destroy();
      });
      socket.on("error", (error: NodeJS.ErrnoException) => (out.error ??= error.code));
      socket.on("close", () => resolve(out));
      socket.write("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
      const chunk = Buffer.concat([Buffer.from(`${(64 * KB).toString(16)}\r\n`), Buffer.alloc(64 * KB, 97), Buffer.from("\r\n")]);
      const pump = () => {
        while (!(stopOnAnswer && out.status) && out.sent < total && !socket.destroyed) {
          out.sent += 64 * KB;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        if (out.sent >= total && !socket.destroyed) socket.end("0\r\n\r\n");
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
    expect(result.sentWhenAnswered).toBeLessThan(50 * 1024 * KB);
  });

  it("lets a client that sends everything first read the 413, when the rest is not much more", async () => {
    const result = await send(8 * 1024 * KB, { stopOnAnswer: false });
    expect(result).toMatchObject({ status: 413, sent: 8 * 1024 * KB });
    expect(result.error).toBeUndefined();
  });

  it("cuts the connection of a client that keeps sending far past the limit", async () => {
    const result = await send(200 * 1024 * KB, { stopOnAnswer: false });
    expect(result.status).toBe(413);
    // The server read 32 MB more than the limit, then cut: the client could not send it all.
    expect(result.error).toMatch(/ECONNRESET|EPIPE/);
    expect(result.sent).toBeLessThan(100 * 1024 * KB);
  });
});
