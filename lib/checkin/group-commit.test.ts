import { count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIns, conferences, invitations, scanLog, sites, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { createGroupCommit } from "./group-commit";

const NOW = new Date("2026-11-28T03:00:00Z");
let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb(NOW);
});
afterAll(() => handle.cleanup());

describe("group commit", () => {
  it("judges scans of one batch in order: two devices, one letter, the first wins", async () => {
    const practice = handle.db.select().from(conferences).where(isNull(conferences.requirementId)).get()!;
    const site = handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id)).get()!;
    const list = handle.db.select().from(invitations).where(eq(invitations.conferenceId, practice.id)).all();
    const userId = handle.db.select().from(users).where(eq(users.username, "diemdanh")).get()!.id;
    const record = createGroupCommit(handle.db);
    const scan = (token: string, device: string, nonce: string) =>
      record(userId, { token, siteId: site.id, deviceId: device, nonce, scannedAt: NOW, method: "camera" }, NOW);

    const results = await Promise.all([
      scan(list[0].token!, "may-1", "batch-aaaa-1"),
      scan(list[0].token!, "may-2", "batch-aaaa-2"),
      scan(list[1].token!, "may-1", "batch-aaaa-3"),
      scan("RAC", "may-3", "batch-aaaa-4"),
      scan(list[1].token!, "may-1", "batch-aaaa-3"), // a retry of the same request
    ]);
    expect(results.map((r) => r.verdict)).toEqual(["ok", "duplicate", "ok", "unknown", "ok"]);
    expect(results[1].firstCheckIn?.deviceId).toBe("may-1");
    expect(handle.db.select({ n: count() }).from(checkIns).where(eq(checkIns.conferenceId, practice.id)).get()!.n).toBe(2);
    expect(handle.db.select({ n: count() }).from(scanLog).where(eq(scanLog.conferenceId, practice.id)).get()!.n).toBe(4);
  });
});
