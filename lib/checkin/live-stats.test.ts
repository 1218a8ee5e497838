import { firstRow } from "@/db/client";
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
  it("counts present, late and arrivals per 5 minutes", async () => {
    const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
    const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!;
    const list = await handle.db.select().from(invitations).where(eq(invitations.conferenceId, practice.id));
    const userId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
    const at = (time: string) => zonedInstant("2026-11-28", time);
    const scan = async (i: number, time: string) =>
      await recordScan(
        handle.db,
        userId,
        { token: list[i].token!, siteId: site.id, deviceId: "d", nonce: `live-${i}-abcdef`, scannedAt: at(time), method: "camera" },
        at(time),
      );
    await scan(0, "07:21");
    await scan(1, "07:24");
    await scan(2, "07:26");
    await scan(3, "07:50");
    const stats = await getLiveStats(handle.db, practice.id, undefined, at("08:00"));
    expect(stats).toMatchObject({ invited: 40, present: 4, late: 1, walkIns: 0 });
    const bySlot = Object.fromEntries(stats.arrivals.filter((a) => a.n > 0).map((a) => [a.at, a.n]));
    expect(bySlot).toEqual({ [at("07:20").toISOString()]: 2, [at("07:25").toISOString()]: 1, [at("07:50").toISOString()]: 1 });
    // While the door is open: the last two hours, in 5-minute bars, up to now.
    expect(stats).toMatchObject({ phase: "open", slotMinutes: 5 });
    expect([stats.arrivals[0].at, stats.arrivals.at(-1)!.at]).toEqual([at("06:00").toISOString(), at("08:00").toISOString()]);

    // After the conference the counter shows the real timeline, first arrival to last, not an empty one (docs/decisions/0025).
    await scan(4, "13:10");
    const after = await getLiveStats(handle.db, practice.id, undefined, zonedInstant("2026-11-28", "21:00"));
    expect(after).toMatchObject({ phase: "over", present: 5 });
    expect(after.arrivals.reduce((sum, a) => sum + a.n, 0)).toBe(5);
    expect(after.arrivals.length).toBeLessThanOrEqual(36);
    expect(after.slotMinutes).toBe(10);
    expect([after.arrivals[0].at, after.arrivals.at(-1)!.at]).toEqual([at("07:20").toISOString(), at("13:10").toISOString()]);

    // Before the door opens (a site nobody has scanned at): nothing to draw, the page says when it opens.
    const before = await getLiveStats(handle.db, practice.id, [-1], zonedInstant("2026-11-28", "05:00"));
    expect(before).toMatchObject({ phase: "not_yet", arrivals: [], present: 0 });
  });
});
