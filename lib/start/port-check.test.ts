import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPort, nextFreePort, portProblemMessage } from "./port-check";
import { childProcessEnv } from "@/lib/env";

let busy: net.Server;
let busyPort: number;

beforeAll(async () => {
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe("npm start's port check", () => {
  it("tells a port in use from a free one, and finds a free one after it", async () => {
    expect(await checkPort(busyPort)).toBe("in_use");
    const free = await nextFreePort(busyPort);
    expect(free).not.toBeNull();
    expect(await checkPort(free!)).toBe("free");
  });

  it("says it in Vietnamese, with how to choose another port", () => {
    const text = portProblemMessage(3000, "in_use", 3001);
    expect(text).toContain("Cổng 3000 đang được một chương trình khác sử dụng");
    expect(text).toContain("PORT=3001 npm start");
    expect(portProblemMessage(80, "denied", null)).toContain("PORT=3000 npm start");
  });

  it("stops `npm start` before building or touching the database, with exit code 1 and no stack trace", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-port-"));
    try {
      const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
        env: childProcessEnv({ PORT: String(busyPort), DATABASE_PATH: path.join(dir, "app.db"), NEXTAUTH_SECRET: "x".repeat(40) }),
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Cổng ${busyPort} đang được một chương trình khác sử dụng`);
      expect(result.stderr).toMatch(/PORT=\d+ npm start/);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/EADDRINUSE|đang chạy tại|\n\s+at /);
      expect(fs.existsSync(path.join(dir, "app.db"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
