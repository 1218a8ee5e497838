import { firstRow } from "@/db/client";
/**
 * The check-in fast path keeps decoded sessions for a while: a session that expires while
 * kept must stop scanning at once. A real HTTP server, a real next-auth JWT, a real SQLite file.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq, isNull } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conferences, invitations, sites, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { createCheckInFastPath } from "./fast-path";

const SEEDED = new Date("2026-11-28T03:00:00Z");
const SECRET = "fast-path-test-secret-0123456789abcdef";
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let server: http.Server;
let url: string;
let siteId: number;
let tokens: string[];

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  siteId = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!.id;
  tokens = (
    await handle.db.select({ token: invitations.token }).from(invitations).where(eq(invitations.conferenceId, practice.id)).orderBy(asc(invitations.id))
  ).map((r) => r.token!);
  const fastPath = createCheckInFastPath(handle.db, SECRET);
  server = http.createServer((req, res) => void fastPath(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/checkin`;
});
afterAll(async () => {
  vi.useRealTimers();
  server.close();
  await handle.cleanup();
});

let n = 0;
async function scan(cookie: string, token: string) {
  const body = { token, siteId, deviceId: "may-nhanh", nonce: `fast-path-nonce-${++n}`, scannedAt: Date.now(), method: "hardware" };
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `next-auth.session-token=${cookie}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { verdict?: string } };
}

describe("check-in fast path sessions", () => {
  it("a session that expires while its decoding is kept is refused on the next request", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: SEEDED });
    const user = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!;
    const cookie = await encode({
      token: { uid: user.id, sv: user.sessionVersion, role: user.role, unitId: user.unitId, bodyId: user.bodyId },
      secret: SECRET,
      maxAge: 30,
    });
    expect(await scan(cookie, tokens[30])).toMatchObject({ status: 200, body: { verdict: "ok" } });
    vi.setSystemTime(SEEDED.getTime() + 20_000);
    expect((await scan(cookie, tokens[31])).status).toBe(200);
    vi.setSystemTime(SEEDED.getTime() + 31_000);
    expect(await scan(cookie, tokens[32])).toMatchObject({ status: 401 });
  });

  it("a lower-case token posted straight to the API is accepted", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: SEEDED });
    const user = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!;
    const cookie = await encode({
      token: { uid: user.id, sv: user.sessionVersion, role: user.role, unitId: user.unitId, bodyId: user.bodyId },
      secret: SECRET,
      maxAge: 3600,
    });
    expect(await scan(cookie, tokens[33].toLowerCase())).toMatchObject({ status: 200, body: { verdict: "ok" } });
  });
});
