import { firstRow, writerForSetup } from "@/db/client";
/**
 * The fast path's caches expire (docs/decisions/0008-checkin-fast-path.md): the user row is kept 5 s
 * and site access (the assignment, and the site's conference as loaded) 2 s; after that the database
 * is read again. Letters are never cached. A real HTTP server, a real next-auth JWT, a real SQLite
 * file, and the fast path's own clock moved by the test.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq, isNull } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conferences, invitations, sites, siteStaff, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { createCheckInFastPath } from "./fast-path";

const SEEDED = new Date("2026-11-28T03:00:00Z"); // 10:00 in Vietnam: the practice conference's door is open
const SECRET = "fast-path-caches-test-secret-0123456789";
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let server: http.Server;
let url: string;
let siteId: number;
let conferenceId: number;
let scanner: typeof users.$inferSelect;
let letters: { id: number; token: string }[];
let cookie: string;
let clock = SEEDED.getTime();

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  conferenceId = practice.id;
  siteId = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!.id;
  letters = (
    await handle.db
      .select({ id: invitations.id, token: invitations.token })
      .from(invitations)
      .where(eq(invitations.conferenceId, practice.id))
      .orderBy(asc(invitations.id))
  ).map((r) => ({ id: r.id, token: r.token! }));
  scanner = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!;
  cookie = await encode({
    token: { uid: scanner.id, sv: scanner.sessionVersion, role: scanner.role, unitId: scanner.unitId, bodyId: scanner.bodyId },
    secret: SECRET,
    maxAge: 3600,
  });
});
afterAll(async () => {
  server?.close();
  await handle.cleanup();
});

/** A fresh fast path (empty caches) on its own port. */
async function startFastPath() {
  server?.close();
  const fastPath = createCheckInFastPath(handle.db, SECRET, { now: () => clock });
  server = http.createServer((req, res) => void fastPath(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/checkin`;
}

let n = 0;
async function scan(letter: { token: string }) {
  n++;
  const body = { token: letter.token, siteId, deviceId: `may-cache-${n}`, nonce: `fast-path-cache-${n}`, scannedAt: clock, method: "hardware" };
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `next-auth.session-token=${cookie}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { verdict?: string; error?: string } };
}

describe("check-in fast path caches", () => {
  it("keeps the user row 5 s: a disabled account still scans within them, and is refused after", async () => {
    await startFastPath();
    clock = SEEDED.getTime();
    expect(await scan(letters[0])).toMatchObject({ status: 200, body: { verdict: "ok" } });
    await writerForSetup(handle.db).update(users).set({ disabled: true }).where(eq(users.id, scanner.id));
    try {
      clock += 4_000;
      expect(await scan(letters[1])).toMatchObject({ status: 200, body: { verdict: "ok" } });
      clock += 1_001; // 5.001 s after the row was read
      expect((await scan(letters[2])).status).toBe(401);
    } finally {
      await writerForSetup(handle.db).update(users).set({ disabled: false }).where(eq(users.id, scanner.id));
    }
  });

  it("keeps site access 2 s: an unassigned door cadre still scans within them, and is refused after", async () => {
    await startFastPath();
    clock = SEEDED.getTime() + 60_000;
    expect(await scan(letters[3])).toMatchObject({ status: 200, body: { verdict: "ok" } });
    await writerForSetup(handle.db)
      .delete(siteStaff)
      .where(and(eq(siteStaff.siteId, siteId), eq(siteStaff.userId, scanner.id)));
    try {
      clock += 1_500;
      expect(await scan(letters[4])).toMatchObject({ status: 200, body: { verdict: "ok" } });
      clock += 501; // 2.001 s after access was checked
      expect(await scan(letters[5])).toMatchObject({ status: 403 });
    } finally {
      await writerForSetup(handle.db).insert(siteStaff).values({ siteId, userId: scanner.id });
    }
  });

  it("keeps the site's conference 2 s: a cancelled conference is seen once the entry has expired, not before", async () => {
    await startFastPath();
    clock = SEEDED.getTime() + 120_000;
    expect(await scan(letters[6])).toMatchObject({ status: 200, body: { verdict: "ok" } });
    await writerForSetup(handle.db)
      .update(conferences)
      .set({ status: "cancelled", cancelReason: "Hoãn do mưa bão (thử bộ nhớ đệm)" })
      .where(eq(conferences.id, conferenceId));
    try {
      clock += 1_500;
      expect(await scan(letters[7])).toMatchObject({ status: 200, body: { verdict: "ok" } });
      clock += 501;
      expect(await scan(letters[8])).toMatchObject({ status: 200, body: { verdict: "not_open" } });
    } finally {
      await writerForSetup(handle.db).update(conferences).set({ status: "scheduled", cancelReason: null }).where(eq(conferences.id, conferenceId));
    }
  });

  it("never caches letters: a letter revoked after the caches were filled is refused at once", async () => {
    await startFastPath();
    clock = SEEDED.getTime() + 180_000;
    expect(await scan(letters[9])).toMatchObject({ status: 200, body: { verdict: "ok" } });
    await writerForSetup(handle.db).update(invitations).set({ status: "revoked" }).where(eq(invitations.id, letters[10].id));
    clock += 100;
    expect(await scan(letters[10])).toMatchObject({ status: 200, body: { verdict: "revoked" } });
  });
});
