import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conferences, invitations, sites, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { zonedInstant } from "@/lib/time/zone";
import { getLiveStats } from "./live-stats";
import { recordScan } from "./record-scan";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb(new Date("2026-11-28T03:00:00Z"));
});
afterAll(() => handle.cleanup());

describe("live counter", () => {
  it("counts present, late and arrivals per 5 minutes", () => {
    const practice = handle.db.select().from(conferences).where(isNull(conferences.requirementId)).get()!;
    const site = handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id)).get()!;
    const list = handle.db.select().from(invitations).where(eq(invitations.conferenceId, practice.id)).all();
    const userId = handle.db.select().from(users).where(eq(users.username, "diemdanh")).get()!.id;
    const at = (time: string) => zonedInstant("2026-11-28", time);
    const scan = (i: number, time: string) => recordScan(handle.db, userId, { token: list[i].token!, siteId: site.id, deviceId: "d", nonce: `live-${i}-abcdef`, scannedAt: at(time), method: "camera" }, at(time));
    scan(0, "07:21");
    scan(1, "07:24");
    scan(2, "07:26");
    scan(3, "07:50");
    const stats = getLiveStats(handle.db, practice.id, undefined, at("08:00"));
    expect(stats).toMatchObject({ invited: 40, present: 4, late: 1, walkIns: 0 });
    const bySlot = Object.fromEntries(stats.arrivals.filter((a) => a.n > 0).map((a) => [a.at, a.n]));
    expect(bySlot).toEqual({ [at("07:20").toISOString()]: 2, [at("07:25").toISOString()]: 1, [at("07:50").toISOString()]: 1 });
  });
});
