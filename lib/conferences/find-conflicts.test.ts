import { firstRow } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodies, campaigns, conferences, sites, units } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { zonedInstant } from "@/lib/time/zone";
import { findConflicts, overlaps, type ConflictCandidate } from "./find-conflicts";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let campaignId: number;
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const conferenceOf = async (code: string, kind: string) =>
  (await firstRow(
    handle.db
      .select({ id: conferences.id })
      .from(conferences)
      .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
      .where(and(eq(conferences.unitId, await unitId(code)), eq(bodies.kind, kind))),
  ))!.id;
const at = (date: string, time: string) => zonedInstant(date, time);
const candidate = async (over: Partial<ConflictCandidate>): Promise<ConflictCandidate> => ({
  campaignId,
  unitId: await unitId("535"),
  startsAt: at("2021-03-16", "07:30"),
  endsAt: at("2021-03-16", "11:30"),
  sites: [],
  ...over,
});
const codes = async (c: ConflictCandidate) => (await findConflicts(handle.db, c)).map((x) => `${x.code}:${x.blocking ? "block" : "warn"}`);

beforeAll(async () => {
  handle = await createDemoDb();
  campaignId = (await firstRow(handle.db.select().from(campaigns)))!.id;
});
afterAll(() => handle.cleanup());

describe("overlap", () => {
  const i = (a: string, b: string, c: string, d: string) => ({ startsAt: at(a, b), endsAt: at(c, d) });
  it("treats a conference ending exactly when the next starts as no overlap", () => {
    expect(overlaps(i("2021-03-10", "07:30", "2021-03-10", "11:30"), i("2021-03-10", "11:30", "2021-03-10", "17:00"))).toBe(false);
  });
  it("sees an overlap across midnight in Vietnam (23:30–01:00)", () => {
    const night = i("2021-03-10", "23:30", "2021-03-11", "01:00");
    expect(overlaps(night, i("2021-03-11", "00:30", "2021-03-11", "02:00"))).toBe(true);
    expect(overlaps(night, i("2021-03-11", "01:00", "2021-03-11", "03:00"))).toBe(false);
    expect(overlaps(night, i("2021-03-10", "22:00", "2021-03-10", "23:30"))).toBe(false);
  });
});

describe("conflict rules", () => {
  const hall = { unitId: 0, venue: "Hội trường Huyện ủy Ba Tơ", capacity: null };
  beforeAll(async () => {
    hall.unitId = await unitId("535");
  });

  it("blocks an end before the start", async () => {
    expect(await codes(await candidate({ startsAt: at("2021-03-16", "11:00"), endsAt: at("2021-03-16", "11:00") }))).toEqual(["end_before_start:block"]);
  });

  it("blocks the same hall at an overlapping time, whatever the case, accents or spaces", async () => {
    // Ba Tơ's Standing Committee conference: 10/03/2021 07:30–17:00 in this hall.
    const clash = await candidate({ startsAt: at("2021-03-10", "08:00"), endsAt: at("2021-03-10", "10:00"), sites: [hall] });
    expect(await codes(clash)).toContain("venue_clash:block");
    const folded = await candidate({ ...clash, sites: [{ ...hall, venue: "  hội trường HUYỆN ỦY ba tơ " }] });
    expect(await codes(folded)).toContain("venue_clash:block");
    const message = (await findConflicts(handle.db, clash)).find((c) => c.code === "venue_clash")!;
    expect(message.params).toMatchObject({ otherUnit: "Huyện Ba Tơ", time: "07:30–17:00 10/03/2021" });
  });

  it("does not block back-to-back use of a hall, another hall, or a same-named hall in another unit", async () => {
    expect(await codes(await candidate({ startsAt: at("2021-03-10", "05:00"), endsAt: at("2021-03-10", "07:30"), sites: [hall] }))).not.toContain(
      "venue_clash:block",
    );
    expect(await codes(await candidate({ startsAt: at("2021-03-10", "17:00"), endsAt: at("2021-03-10", "19:00"), sites: [hall] }))).not.toContain(
      "venue_clash:block",
    );
    expect(
      await codes(
        await candidate({ startsAt: at("2021-03-10", "08:00"), endsAt: at("2021-03-10", "10:00"), sites: [{ ...hall, venue: "Nhà văn hóa huyện" }] }),
      ),
    ).toEqual([]);
    expect(
      await codes(
        await candidate({
          unitId: await unitId("536"),
          startsAt: at("2021-03-10", "08:00"),
          endsAt: at("2021-03-10", "10:00"),
          sites: [{ ...hall, unitId: await unitId("536") }],
        }),
      ),
    ).toEqual([]);
  });

  it("ignores cancelled conferences and the conference itself", async () => {
    const standing = await conferenceOf("535", "standing_committee");
    expect(
      await codes(await candidate({ conferenceId: standing, startsAt: at("2021-03-10", "08:00"), endsAt: at("2021-03-10", "10:00"), sites: [hall] })),
    ).not.toContain("venue_clash:block");
    // Lý Sơn's Education Office conference (31/03 13:30–17:00) was cancelled.
    const lySonHall = { unitId: await unitId("536"), venue: "Trung tâm Chính trị huyện Lý Sơn", capacity: null };
    expect(
      await codes(await candidate({ unitId: await unitId("536"), startsAt: at("2021-03-31", "14:00"), endsAt: at("2021-03-31", "15:00"), sites: [lySonHall] })),
    ).toEqual([]);
  });

  it("warns when invitees are invited to another conference at the same time", async () => {
    // Move Ba Tơ's Propaganda conference onto its Standing Committee day: lecturers are invited to both.
    const propaganda = await conferenceOf("535", "propaganda");
    const result = await findConflicts(
      handle.db,
      await candidate({ conferenceId: propaganda, startsAt: at("2021-03-10", "13:30"), endsAt: at("2021-03-10", "16:30") }),
    );
    const overlap = result.find((c) => c.code === "invitee_overlap")!;
    expect(overlap.blocking).toBe(false);
    expect(Number(overlap.params.count)).toBeGreaterThan(10);
  });

  it("warns about a district conference before the provincial Standing Committee conference (03/03/2021)", async () => {
    expect(await codes(await candidate({ startsAt: at("2021-03-02", "07:30"), endsAt: at("2021-03-02", "11:30") }))).toEqual([
      "before_provincial_standing:warn",
    ]);
    expect(await codes(await candidate({ unitId: await unitId("51"), startsAt: at("2021-03-02", "07:30"), endsAt: at("2021-03-02", "11:30") }))).toEqual([]);
  });

  it("warns after the deadline by the Vietnamese calendar day", async () => {
    // Ends 01/04/2021 00:30 in Vietnam, which is still 31/03 in UTC.
    expect(await codes(await candidate({ startsAt: at("2021-03-31", "22:00"), endsAt: at("2021-04-01", "00:30") }))).toEqual(["after_deadline:warn"]);
    expect(await codes(await candidate({ startsAt: at("2021-03-31", "22:00"), endsAt: at("2021-03-31", "23:59") }))).toEqual([]);
  });

  it("warns when a site has more invitations than seats", async () => {
    const standing = await conferenceOf("535", "standing_committee");
    const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, standing))))!;
    const result = await findConflicts(
      handle.db,
      await candidate({
        conferenceId: standing,
        startsAt: at("2021-03-10", "07:30"),
        endsAt: at("2021-03-10", "17:00"),
        sites: [{ id: site.id, unitId: site.unitId, venue: site.venue, capacity: 50 }],
      }),
    );
    expect(result.map((c) => c.code)).toEqual(["over_capacity"]);
    expect(result[0].params.capacity).toBe(50);
  });
});
