/**
 * Reads a request body with a byte limit, counting bytes as they arrive: a body
 * sent without Content-Length (chunked) is refused as soon as it passes the
 * limit, and never held in memory beyond it; a little more is read and thrown
 * away so that the client can read the refusal, then the connection is cut. Every route handler that reads a
 * body goes through here (and the check-in fast path, with the Node request).
 */
import type { IncomingMessage } from "node:http";

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: "tooLarge" | "unreadable" };

const declaredLength = (value: string | string[] | null | undefined) => {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * After a refusal, how much more is read and thrown away. Most clients (browsers,
 * Playwright) read the answer only once they have sent the whole body: cutting the
 * connection at once would show them a network error instead of the 413. Past this
 * the connection is cut. Nothing discarded is kept.
 */
export const DISCARD_AFTER_REFUSAL_BYTES = 32 * 1024 * 1024;

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    for (let discarded = 0; ;) {
      const { done, value } = await reader.read();
      if (done) return reader.releaseLock();
      discarded += value.length;
      // Cancelling the body destroys the request, and with it the connection.
      if (discarded > DISCARD_AFTER_REFUSAL_BYTES) return void (await reader.cancel());
    }
  } catch {
    // The client went away.
  }
}

/**
 * The body's bytes, or tooLarge as soon as more than maxBytes arrived (or were
 * announced by Content-Length). What arrives after that is discarded, then the
 * connection is cut (DISCARD_AFTER_REFUSAL_BYTES): the caller answers 413 at once.
 */
export async function readBody(request: Request | IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if (!(request instanceof Request)) return readIncoming(request, maxBytes);
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const tooLarge = (): BodyRead => {
    void discardRest(reader);
    return { ok: false, reason: "tooLarge" };
  };
  if ((declaredLength(request.headers.get("content-length")) ?? 0) > maxBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, bytes: concat(chunks, size) };
      size += value.length;
      if (size > maxBytes) return tooLarge();
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

function readIncoming(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    let discarded = 0;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      resolve({ ok: false, reason: "tooLarge" });
    };
    req.on("data", (chunk: Buffer) => {
      if (refused) {
        discarded += chunk.length;
        if (discarded > DISCARD_AFTER_REFUSAL_BYTES) req.destroy();
        return;
      }
      size += chunk.length;
      if (size > maxBytes) return refuse();
      chunks.push(chunk);
    });
    req.on("end", () => refused || resolve({ ok: true, bytes: Buffer.concat(chunks, size) }));
    req.on("error", () => refused || resolve({ ok: false, reason: "unreadable" }));
    if ((declaredLength(req.headers["content-length"]) ?? 0) > maxBytes) refuse();
  });
}

/** Parsed JSON, or why not. */
export async function readJsonBody(
  request: Request | IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; reason: "tooLarge" | "unreadable" | "badJson" }> {
  const read = await readBody(request, maxBytes);
  if (!read.ok) return read;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(read.bytes)) };
  } catch {
    return { ok: false, reason: "badJson" };
  }
}

/** Headers of a 413. */
export const tooLargeHeaders = { "cache-control": "no-store" } as const;

/** "20 MB", "4 KB": a limit as people read it. */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}
