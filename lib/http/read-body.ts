/**
 * Reads a request body with a byte limit, counting bytes as they arrive: a body
 * sent without Content-Length (chunked) is refused as soon as it passes the
 * limit, and never held in memory beyond it. Every route handler that reads a
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
 * The body's bytes, or tooLarge as soon as more than maxBytes arrived (or were
 * announced by Content-Length). The rest of a refused body is not read: the
 * refusal should close the connection (tooLargeHeaders).
 */
export async function readBody(request: Request | IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if (request instanceof Request) {
    if ((declaredLength(request.headers.get("content-length")) ?? 0) > maxBytes) return { ok: false, reason: "tooLarge" };
    if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { ok: true, bytes: concat(chunks, size) };
        size += value.length;
        // Stop reading without cancelling: cancelling would reset the connection before the refusal is sent.
        if (size > maxBytes) return { ok: false, reason: "tooLarge" };
        chunks.push(value);
      }
    } catch {
      return { ok: false, reason: "unreadable" };
    } finally {
      reader.releaseLock();
    }
  }
  return readIncoming(request, maxBytes);
}

function readIncoming(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if ((declaredLength(req.headers["content-length"]) ?? 0) > maxBytes) return Promise.resolve({ ok: false, reason: "tooLarge" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead) => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        return finish({ ok: false, reason: "tooLarge" });
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, reason: "unreadable" });
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/** Parsed JSON, or why not. */
export async function readJsonBody(request: Request | IncomingMessage, maxBytes: number): Promise<{ ok: true; value: unknown } | { ok: false; reason: "tooLarge" | "unreadable" | "badJson" }> {
  const read = await readBody(request, maxBytes);
  if (!read.ok) return read;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(read.bytes)) };
  } catch {
    return { ok: false, reason: "badJson" };
  }
}

/**
 * Headers of a 413: the connection is closed after it, so that the server stops
 * receiving the rest of the body (and a keep-alive connection is not left
 * half-way through a request).
 */
export const tooLargeHeaders = { connection: "close", "cache-control": "no-store" } as const;

/** "20 MB", "4 KB": a limit as people read it. */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/** The JSON of a 413, in the shape of the other API errors. */
export function tooLargeBody(maxBytes: number) {
  return { error: "too_large", message: `Yêu cầu quá lớn (tối đa ${formatLimit(maxBytes)}).` };
}
