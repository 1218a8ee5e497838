/**
 * Request bodies are counted as they arrive (lib/http/read-body.ts): a chunked
 * upload, which has no Content-Length, is refused with 413 as soon as it passes
 * its route's limit, and the server neither reads nor holds the rest. Each route
 * that reads a body gets 200 MB, chunked, from a plain Node client that stops
 * writing when the answer comes. (A client that writes everything before it
 * reads still gets the 413 for a body up to 32 MB past the limit: the huge
 * upload of bad-input.spec.ts.)
 */
import fs from "node:fs";
import http from "node:http";
import { E2E_PORT } from "./e2e-env";
import { expect, signIn, test } from "./fixtures";

const MB = 1024 * 1024;
const BODY = 200 * MB;

/** Streams up to `total` bytes without Content-Length; resolves with the answer and how much had been sent by then. */
function streamBody(path: string, headers: Record<string, string>, total = BODY) {
  return new Promise<{ status: number; json: { error?: string; message?: string }; sent: number; ms: number }>((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const req = http.request({ host: "localhost", port: E2E_PORT, method: "POST", path, headers }, (res) => {
      answered = true;
      const sentThen = sent;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, json: JSON.parse(text || "{}"), sent: sentThen, ms: Date.now() - started });
        req.destroy();
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
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

/** The e2e server's resident memory (Linux): the process listening on the e2e port. */
function serverRssBytes(): number {
  const hexPort = E2E_PORT.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(`socket:[${cols[9]}]`);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = "";
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (inodes.has(target)) return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
    }
  }
  throw new Error(`no process listens on port ${E2E_PORT}`);
}

test.describe("body limits", () => {
  test("a chunked 200 MB body gets 413 with a message long before it is all sent, on every route that reads a body, and the server does not grow by it", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, "admin");
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const json = { cookie, "content-type": "application/json" };
    const routes: [string, Record<string, string>][] = [
      ["/api/people/import", { cookie, "content-type": "multipart/form-data; boundary=e2e" }],
      ["/api/people/import/1/preview", json],
      ["/api/people/import/1/commit", json],
      ["/api/checkin", json],
      ["/api/checkin/batch", json],
      ["/api/checkin/walk-in", json],
      ["/api/checkin/substitute", json],
      ["/api/checkin/undo", json],
      // Signing in needs no session: the most exposed body of all.
      ["/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }],
    ];
    const onLinux = process.platform === "linux";
    for (const [path, headers] of routes) {
      const before = onLinux ? serverRssBytes() : 0;
      const result = await streamBody(path, headers);
      expect(result.status, path).toBe(413);
      expect(result.json.message, path).toMatch(/quá lớn/);
      // Answered after the limit (at most 20 MB) plus what the sockets hold, nowhere near 200 MB.
      expect(result.sent, path).toBeLessThan(64 * MB);
      expect(result.ms, path).toBeLessThan(15_000);
      if (onLinux) expect(serverRssBytes() - before, `${path}: server memory growth`).toBeLessThan(120 * MB);
    }
    // The server is still well.
    expect((await page.request.get("/api/health")).status()).toBe(200);
  });

  test("bodies within the limits still work: a small upload is read and parsed", async ({ page }) => {
    await signIn(page, "admin");
    const upload = await page.request.post("/api/people/import", {
      multipart: { file: { name: "ds.csv", mimeType: "text/csv", buffer: Buffer.from("Họ và tên,Chức vụ\nNguyễn Văn Ấn,Bí thư\n") }, unitId: "1" },
    });
    expect(upload.status()).toBe(200);
    expect((await upload.json()).preview.valid).toBe(1);
  });
});
