import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * A door cadre's duties explain themselves (docs/decisions/0025): the evening after a conference the home
 * page still lists it, as over, with its door hours; what is next; a cancelled one says so.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodies, conferences, sites, siteStaff, units, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { zonedInstant } from "@/lib/time/zone";
import { listAssignments, siteDoorHours } from "./list-assignments";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let scannerId: number;
const ids: Record<string, number> = {};

/** A conference of the province with one site, the door account assigned to it. */
async function assigned(key: string, day: string, start: string, end: string, status: "scheduled" | "cancelled" | "draft" = "scheduled") {
  const db = handle.db;
  const province = (await firstRow(db.select().from(units).where(eq(units.code, "51"))))!;
  const body = (await firstRow(db.select().from(bodies).where(eq(bodies.unitId, province.id))))!;
  const campaignId = (await firstRow(db.select().from(conferences)))!.campaignId;
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({
        campaignId,
        unitId: province.id,
        bodyId: body.id,
        title: `Hội nghị ${key}`,
        startsAt: zonedInstant(day, start),
        endsAt: zonedInstant(day, end),
        status,
        cancelReason: status === "cancelled" ? "Hoãn do mưa bão" : null,
      })
      .returning(),
  );
  const site = await returnedRow(
    writerForSetup(db)
      .insert(sites)
      .values({ conferenceId: conference.id, unitId: province.id, isMain: true, venue: `Hội trường ${key}` })
      .returning(),
  );
  await writerForSetup(db).insert(siteStaff).values({ siteId: site.id, userId: scannerId });
  ids[key] = site.id;
}

beforeAll(async () => {
  // The practice conference is 07:30–17:00 on 28/11/2026 (door 05:30–18:00).
  handle = await createDemoDb(new Date("2026-11-28T03:00:00Z"));
  scannerId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
  ids.practice = (await firstRow(handle.db.select({ id: siteStaff.siteId }).from(siteStaff).where(eq(siteStaff.userId, scannerId))))!.id;
  await assigned("ngày mai", "2026-11-29", "07:30", "11:30");
  await assigned("tuần sau", "2026-12-03", "13:30", "17:00");
  await assigned("bị hủy", "2026-11-30", "07:30", "11:30", "cancelled");
  await assigned("bản nháp", "2026-11-30", "13:30", "17:00", "draft");
  await assigned("tháng trước", "2026-10-20", "07:30", "17:00");
});
afterAll(() => handle.cleanup());

describe("a door cadre's duties", () => {
  it("in the evening after the practice conference: it is still there, over, then what is next, then the cancelled one", async () => {
    const rows = await listAssignments(handle.db, scannerId, zonedInstant("2026-11-28", "20:38"));
    expect(rows.map((r) => [r.venue, r.phase])).toEqual([
      ["Hội trường ngày mai", "not_yet"],
      ["Hội trường tuần sau", "not_yet"],
      ["Hội trường Tỉnh ủy", "over"],
      ["Hội trường bị hủy", "cancelled"],
    ]);
    const practice = rows.find((r) => r.siteId === ids.practice)!;
    expect([practice.opensAt, practice.closesAt]).toEqual([zonedInstant("2026-11-28", "05:30"), zonedInstant("2026-11-28", "18:00")]);
    expect(rows[0].opensAt).toEqual(zonedInstant("2026-11-29", "05:30"));
    expect(rows.find((r) => r.phase === "cancelled")?.cancelReason).toBe("Hoãn do mưa bão");
  });

  it("during the practice conference: open first", async () => {
    expect((await listAssignments(handle.db, scannerId, zonedInstant("2026-11-28", "10:00")))[0]).toMatchObject({ siteId: ids.practice, phase: "open" });
  });

  it("leaves out drafts and doors closed more than a week ago", async () => {
    const venues = (await listAssignments(handle.db, scannerId, zonedInstant("2026-11-28", "20:38"))).map((r) => r.venue);
    expect(venues).not.toContain("Hội trường bản nháp");
    expect(venues).not.toContain("Hội trường tháng trước");
    expect((await listAssignments(handle.db, scannerId, zonedInstant("2026-12-06", "08:00"))).map((r) => r.venue)).not.toContain("Hội trường Tỉnh ủy");
  });

  it("says of one site why its door is closed", async () => {
    expect(await siteDoorHours(handle.db, ids.practice, zonedInstant("2026-11-28", "05:00"))).toMatchObject({
      phase: "not_yet",
      opensAt: zonedInstant("2026-11-28", "05:30"),
    });
    expect(await siteDoorHours(handle.db, ids.practice, zonedInstant("2026-11-28", "18:01"))).toMatchObject({
      phase: "over",
      closesAt: zonedInstant("2026-11-28", "18:00"),
    });
    expect(await siteDoorHours(handle.db, ids["bị hủy"], zonedInstant("2026-11-30", "08:00"))).toMatchObject({
      phase: "cancelled",
      cancelReason: "Hoãn do mưa bão",
    });
  });
});
