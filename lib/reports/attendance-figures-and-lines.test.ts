import { mapInOrder } from "@/lib/async/in-order";
/**
 * The counts from a real database, on a conference made by hand: every case of
 * the rules once, the export's streamed lines, scope, and recording absences.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { returnedRow, firstRow, closeDatabase, writerForSetup } from "@/db/client";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb, openReader } from "@/lib/testing/test-db";
import { conferenceFigures } from "./conference-figures";
import { conferenceInvitees } from "./invitee-lines";
import { reportConferences } from "./report-conferences";
import { attendanceRate } from "./attendance-rules";
import { recordAbsence, recordMakeUp } from "./record-absence";
import { getUnitReport } from "./report-views";
import { formatRate } from "./format-rate";
import { getLiveStats } from "@/lib/checkin/live-stats";
import { getConference } from "@/lib/conferences/get-conference";
import { listConferences } from "@/lib/conferences/list-conferences";
import { listSitesForEdit } from "@/lib/conferences/manage-sites";

const NOW = new Date("2026-11-28T03:00:00Z");
const START = new Date("2021-03-20T00:30:00Z"); // 07:30 in Vietnam, grace 15 minutes
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let conferenceId: number;
let campaignId: number;
let inv: number[];
let admin: SessionUser;
const user = async (username: string) =>
  (await loadSessionUser(handle.db, (await firstRow(handle.db.select().from(t.users).where(eq(t.users.username, username))))!.id, 1))!;

beforeAll(async () => {
  handle = await createDemoDb(NOW);
  const db = handle.db;
  const unit = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "529"))))!; // Sơn Hà
  const body = (await firstRow(
    db
      .select()
      .from(t.bodies)
      .where(and(eq(t.bodies.unitId, unit.id), eq(t.bodies.kind, "propaganda"))),
  ))!;
  campaignId = (await firstRow(db.select().from(t.campaigns)))!.id;
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(t.conferences)
      .values({
        campaignId,
        unitId: unit.id,
        bodyId: body.id,
        title: "Hội nghị kiểm đếm",
        startsAt: START,
        endsAt: new Date(START.getTime() + 4 * 3_600_000),
        status: "held",
        graceMinutes: 15,
      })
      .returning(),
  );
  conferenceId = conference.id;
  const site = await returnedRow(
    writerForSetup(db).insert(t.sites).values({ conferenceId, unitId: unit.id, isMain: true, venue: "Hội trường kiểm đếm" }).returning(),
  );
  const people = await db.select({ id: t.people.id }).from(t.people).where(eq(t.people.unitId, unit.id)).limit(8);
  // [0] on time at exactly start + grace, [1] late by a second, [2] a substitute (on time), [3] excused, [4] absent without a reason,
  // [5] revoked, [6] draft, [7] excused and made up. Plus one walk-in.
  const statuses = ["issued", "issued", "issued", "issued", "issued", "revoked", "draft", "issued"] as const;
  inv = await mapInOrder(
    people,
    async (p, i) =>
      (
        await returnedRow(
          writerForSetup(db)
            .insert(t.invitations)
            .values({ conferenceId, personId: p.id, bodyId: body.id, siteId: site.id, status: statuses[i], substituteName: i === 2 ? "Người đi thay" : null })
            .returning(),
        )
      ).id,
  );
  const checkIn = async (invitationId: number, at: Date, isLate: boolean, method: "camera" | "walk_in" = "camera") =>
    await writerForSetup(db).insert(t.checkIns).values({ invitationId, conferenceId, siteId: site.id, scannedAt: at, receivedAt: at, method, isLate });
  await checkIn(inv[0], new Date(START.getTime() + 15 * 60_000), false);
  await checkIn(inv[1], new Date(START.getTime() + 15 * 60_000 + 1000), true);
  await checkIn(inv[2], START, false);
  await writerForSetup(db).insert(t.absences).values({ invitationId: inv[3], reason: "illness", recordedAt: START });
  await writerForSetup(db)
    .insert(t.absences)
    .values({ invitationId: inv[7], reason: "business_trip", recordedAt: START, makeUpAttendedAt: new Date("2021-03-30T05:00:00Z") });
  const walkInPerson = (await firstRow(db.select({ id: t.people.id }).from(t.people).where(eq(t.people.unitId, unit.id)).limit(1).offset(20)))!;
  const walkIn = await returnedRow(
    writerForSetup(db)
      .insert(t.invitations)
      .values({ conferenceId, personId: walkInPerson.id, bodyId: body.id, siteId: site.id, kind: "walk_in", status: "issued" })
      .returning(),
  );
  await checkIn(walkIn.id, START, false, "walk_in");
  admin = await user("admin");
});
afterAll(() => handle.cleanup());

describe("attendance counts from the database", () => {
  it("counts each case by the rules", async () => {
    const [f] = await conferenceFigures(handle.db, admin, { campaignId, conferenceId }, NOW);
    expect(f.total).toMatchObject({
      invited: 6,
      present: 3,
      onTime: 2,
      late: 1,
      substitutes: 1,
      walkIns: 1,
      excused: 2,
      unexcused: 1,
      unknown: 0,
      madeUp: 1,
      needsMakeUp: 2,
    });
    expect(attendanceRate(f.total)).toBeCloseTo(3 / 6);
  });

  it("is counted alike on every page: the list, the conference page, its edit page, the projector and the report (docs/decisions/0026)", async () => {
    const [f] = await conferenceFigures(handle.db, admin, { campaignId, conferenceId }, NOW);
    const listed = (await listConferences(handle.db, admin, {}, NOW)).find((c) => c.id === conferenceId)!;
    const page = (await getConference(handle.db, admin, conferenceId, NOW))!;
    const edit = await listSitesForEdit(handle.db, conferenceId);
    const live = await getLiveStats(handle.db, conferenceId, undefined, NOW);
    // Issued letters only: the walk-in, the draft and the revoked letter are not "invited" anywhere.
    expect([listed.invited, page.totals.invited, edit[0].invited, live.invited]).toEqual([f.total.invited, f.total.invited, f.total.invited, f.total.invited]);
    expect([listed.present, page.totals.present, live.present]).toEqual([f.total.present, f.total.present, f.total.present]);
    expect([page.totals.late, live.late, live.walkIns]).toEqual([f.total.late, f.total.late, f.total.walkIns]);
    // The same rate, formatted the same way: present ÷ (present + excused + unexcused).
    expect(formatRate(page.totals.rate)).toBe(formatRate(attendanceRate(f.total)));
    expect(formatRate(page.sites[0].rate)).toBe("50,0%");
    // A site with only a draft, a walk-in or a revoked letter still counts as having invitations (it cannot be removed).
    expect(edit[0].hasInvitations).toBe(true);
  });

  it("lists every issued invitee with the same statuses, streaming from a read-only connection", async () => {
    const reader = openReader(handle);
    try {
      const [conference] = await reportConferences(reader, admin, { campaignId, conferenceId });
      const lines = await conferenceInvitees(reader, conference, {}, NOW);
      const byId = new Map(lines.map((l) => [l.invitationId, l]));
      expect(lines).toHaveLength(6);
      expect([inv[0], inv[1], inv[2], inv[3], inv[4], inv[7]].map((id) => byId.get(id)!.status)).toEqual([
        "on_time",
        "late",
        "on_time",
        "excused",
        "unexcused",
        "excused",
      ]);
      expect(byId.get(inv[1])!.minutesLate).toBe(15); // counted from the opening (docs/decisions/0010)
      expect(byId.get(inv[0])!.minutesLate).toBe(0);
      expect(byId.get(inv[7])!.makeUpAttendedAt).toEqual(new Date("2021-03-30T05:00:00Z"));
      expect(byId.has(inv[5]) || byId.has(inv[6])).toBe(false);
    } finally {
      await closeDatabase(reader);
    }
  });

  it("a viewer of another unit sees none of it; Sơn Hà's organiser of another body neither", async () => {
    expect(await conferenceFigures(handle.db, await user("baocao.bato"), { campaignId, conferenceId }, NOW)).toEqual([]);
    expect(await getUnitReport(handle.db, await user("baocao.bato"), "529", {}, NOW)).toBeNull();
    expect(await conferenceFigures(handle.db, await user("tochuc.bato"), { campaignId, conferenceId }, NOW)).toEqual([]);
    expect((await getUnitReport(handle.db, await user("baocao.bato"), "535", {}, NOW))?.unit.code).toBe("535");
  });

  it("records an excused absence and a make-up session only for absentees the user issued", async () => {
    expect(await recordAbsence(handle.db, await user("tochuc.bato"), { invitationId: inv[4], reason: "family", note: "" })).toEqual({
      ok: false,
      code: "not_found",
    });
    expect(await recordAbsence(handle.db, admin, { invitationId: inv[0], reason: "family", note: "" })).toEqual({ ok: false, code: "present" });
    expect(await recordAbsence(handle.db, admin, { invitationId: inv[4], reason: "family", note: "Đám cưới con" })).toMatchObject({ ok: true });
    expect(await recordMakeUp(handle.db, admin, { invitationId: inv[3], date: "2021-04-02", note: "Học bù" })).toMatchObject({ ok: true });
    const [f] = await conferenceFigures(handle.db, admin, { campaignId, conferenceId }, NOW);
    expect(f.total).toMatchObject({ excused: 3, unexcused: 0, madeUp: 2, needsMakeUp: 1 });
    // Clearing the reason of someone without a make-up removes the record; they are absent without a reason again.
    await recordAbsence(handle.db, admin, { invitationId: inv[4], reason: "", note: "" });
    expect(await firstRow(handle.db.select().from(t.absences).where(eq(t.absences.invitationId, inv[4])))).toBeUndefined();
    expect((await conferenceFigures(handle.db, admin, { campaignId, conferenceId }, NOW))[0].total.unexcused).toBe(1);
  });
});
