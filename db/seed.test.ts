import { firstRow, writerForSetup } from "@/db/client";
import { and, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoDb, createTestDb } from "@/lib/testing/test-db";
import { zonedDateKey } from "@/lib/time/zone";
import { authenticate } from "@/lib/auth/authenticate";
import { isDemoData } from "@/lib/settings/is-demo-data";
import { bootstrapEmpty, clearDatabase, isDatabaseEmpty, seedDemo } from "./seed";
import { DISTRICT_COMMUNES } from "./demo-roles";
import { DEMO_GAPS, DISTRICT_UNITS } from "./seed-data";
import * as t from "./schema";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const NOW = new Date("2026-11-28T03:00:00Z");

beforeAll(async () => {
  handle = await createDemoDb(NOW);
});
afterAll(() => handle.cleanup());

describe("demo seed", () => {
  it("has the province, its 13 district-level units and 4 equivalent Party organisations", async () => {
    const { db } = handle;
    const province = await db.select().from(t.units).where(isNull(t.units.parentId));
    expect(province.map((u) => u.name)).toEqual(["Tỉnh Quảng Ngãi"]);
    const districts = await db
      .select()
      .from(t.units)
      .where(sql`${t.units.kind} in ('thanh_pho','thi_xa','huyen')`);
    expect(districts).toHaveLength(13);
    expect(districts.every((u) => u.parentId === province[0].id)).toBe(true);
    expect(districts.find((u) => u.code === "534")?.name).toBe("Thị xã Đức Phổ");
    expect(await db.select().from(t.units).where(eq(t.units.kind, "dang_bo_truc_thuoc"))).toHaveLength(4);
  });

  it("gives every district-level unit its four organising bodies", async () => {
    const { db } = handle;
    const rows = await db
      .select({ unit: t.units.code, n: count() })
      .from(t.bodies)
      .innerJoin(t.units, eq(t.units.id, t.bodies.unitId))
      .where(sql`${t.units.kind} in ('thanh_pho','thi_xa','huyen')`)
      .groupBy(t.units.code);
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.n === 4)).toBe(true);
  });

  it("requires 3 conferences of the province and 4 of each district-level unit: 55", async () => {
    const { db } = handle;
    const requirements = await db.select().from(t.campaignRequirements);
    const units = await db.select().from(t.units);
    const cells = units.flatMap((u) => requirements.filter((r) => r.unitKind === u.kind));
    expect(requirements.filter((r) => r.unitKind === "tinh")).toHaveLength(3);
    expect(cells).toHaveLength(55);
  });

  it("has the 55 campaign conferences, one per requirement and unit, plus today's practice conference", async () => {
    const { db } = handle;
    const withRequirement = await db.select().from(t.conferences).where(isNotNull(t.conferences.requirementId));
    expect(withRequirement).toHaveLength(55);
    const keys = new Set(withRequirement.map((c) => `${c.unitId}:${c.requirementId}`));
    expect(keys.size).toBe(55);

    const practice = await db.select().from(t.conferences).where(isNull(t.conferences.requirementId));
    expect(practice).toHaveLength(1);
    expect(zonedDateKey(practice[0].startsAt)).toBe(zonedDateKey(NOW));
    const invited = (await firstRow(db.select({ n: count() }).from(t.invitations).where(eq(t.invitations.conferenceId, practice[0].id))))!.n;
    expect(invited).toBe(40);
  });

  it("holds every required conference except exactly the deliberate gaps", async () => {
    const { db } = handle;
    const notHeld = await db
      .select({ unit: t.units.code, kind: t.bodies.kind, status: t.conferences.status })
      .from(t.conferences)
      .innerJoin(t.units, eq(t.units.id, t.conferences.unitId))
      .innerJoin(t.bodies, eq(t.bodies.id, t.conferences.bodyId))
      .where(and(isNotNull(t.conferences.requirementId), sql`${t.conferences.status} <> 'held'`));
    expect(notHeld.sort((a, b) => a.unit.localeCompare(b.unit))).toEqual(
      [...DEMO_GAPS].map((g) => ({ unit: g.unitCode, kind: g.bodyKind, status: g.status })).sort((a, b) => a.unit.localeCompare(b.unit)),
    );
  });

  it("places the provincial Standing Committee conference in the hall with 13 bridge points", async () => {
    const { db } = handle;
    const standing = (await firstRow(
      db
        .select({ id: t.conferences.id, startsAt: t.conferences.startsAt })
        .from(t.conferences)
        .innerJoin(t.bodies, eq(t.bodies.id, t.conferences.bodyId))
        .where(eq(t.bodies.name, "Ban Thường vụ Tỉnh ủy")),
    ))!;
    expect(zonedDateKey(standing.startsAt)).toBe("2021-03-03");
    const sites = await db.select().from(t.sites).where(eq(t.sites.conferenceId, standing.id));
    expect(sites.filter((s) => s.isMain).map((s) => s.venue)).toEqual(["Hội trường Tỉnh ủy"]);
    expect(sites.filter((s) => !s.isMain)).toHaveLength(13);
    const mainInvited = (await firstRow(
      db
        .select({ n: count() })
        .from(t.invitations)
        .where(and(eq(t.invitations.siteId, sites.find((s) => s.isMain)!.id), eq(t.invitations.kind, "invited"))),
    ))!.n;
    expect(mainInvited).toBe(320);
  });

  it("records attendance in the proportions of a held conference", async () => {
    const { db } = handle;
    const totals = (await firstRow(
      db
        .select({
          invited: sql<number>`count(*)`.mapWith(Number),
          present: sql<number>`count(${t.checkIns.id})`.mapWith(Number),
          late: sql<number>`sum(case when ${t.checkIns.isLate} then 1 else 0 end)`.mapWith(Number),
          excused: sql<number>`count(${t.absences.reason})`.mapWith(Number),
        })
        .from(t.invitations)
        .innerJoin(t.conferences, eq(t.conferences.id, t.invitations.conferenceId))
        .leftJoin(t.checkIns, eq(t.checkIns.invitationId, t.invitations.id))
        .leftJoin(t.absences, eq(t.absences.invitationId, t.invitations.id))
        .where(and(eq(t.conferences.status, "held"), eq(t.invitations.kind, "invited"))),
    ))!;
    const present = totals.present / totals.invited;
    const excused = totals.excused / totals.invited;
    const unexcused = 1 - present - excused;
    expect(present).toBeGreaterThanOrEqual(0.93);
    expect(present).toBeLessThanOrEqual(0.96);
    expect(excused).toBeGreaterThanOrEqual(0.03);
    expect(excused).toBeLessThanOrEqual(0.06);
    expect(unexcused).toBeLessThanOrEqual(0.01);
    expect(totals.late / totals.present).toBeGreaterThanOrEqual(0.03);
    expect(totals.late / totals.present).toBeLessThanOrEqual(0.05);
  });

  it("records reflection essays for most of those present at held conferences, within two weeks, never for an absentee", async () => {
    const { db } = handle;
    const perConference = await db
      .select({
        startsAt: t.conferences.startsAt,
        present: sql<number>`count(*)`,
        essays: sql<number>`count(${t.reflectionEssays.invitationId})`,
        first: sql<string>`min(${t.reflectionEssays.submittedOn})`,
        last: sql<string>`max(${t.reflectionEssays.submittedOn})`,
      })
      .from(t.invitations)
      .innerJoin(t.conferences, eq(t.conferences.id, t.invitations.conferenceId))
      .innerJoin(t.checkIns, eq(t.checkIns.invitationId, t.invitations.id))
      .leftJoin(t.reflectionEssays, eq(t.reflectionEssays.invitationId, t.invitations.id))
      .where(and(eq(t.conferences.status, "held"), eq(t.invitations.kind, "invited")))
      .groupBy(t.conferences.id);
    expect(perConference.length).toBeGreaterThan(40);
    for (const c of perConference) {
      expect(c.essays / c.present).toBeGreaterThanOrEqual(0.8);
      expect(c.essays / c.present).toBeLessThanOrEqual(0.98);
      expect(c.first > zonedDateKey(c.startsAt)).toBe(true);
      expect(c.last <= zonedDateKey(c.startsAt.getTime() + 14 * 86_400_000)).toBe(true);
    }
    const withoutCheckIn = (await firstRow(
      db
        .select({ n: count() })
        .from(t.reflectionEssays)
        .leftJoin(t.checkIns, eq(t.checkIns.invitationId, t.reflectionEssays.invitationId))
        .where(isNull(t.checkIns.id)),
    ))!.n;
    expect(withoutCheckIn).toBe(0);
  });

  it("has a directory of realistic size with Vietnamese names", async () => {
    const { db } = handle;
    const people = await db.select({ name: t.people.fullName }).from(t.people);
    expect(people.length).toBeGreaterThan(5000);
    expect(people.every((p) => p.name.split(" ").length >= 3)).toBe(true);
  });

  it("gives each person a position that fits their workplace, and a workplace of their own unit's level", async () => {
    const { db } = handle;
    const rows = await db
      .select({ unit: t.units.code, position: t.people.position, workplace: t.people.workplace })
      .from(t.people)
      .innerJoin(t.units, eq(t.units.id, t.people.unitId));
    const schoolPositions = /^(Hiệu trưởng|Phó Hiệu trưởng|Giáo viên|Tổ trưởng chuyên môn)$/;
    expect(rows.filter((r) => schoolPositions.test(r.position) && !r.workplace.startsWith("Trường"))).toEqual([]);
    expect(rows.filter((r) => /^(Phóng viên|Biên tập viên)$/.test(r.position) && !/^(Báo|Đài)/.test(r.workplace))).toEqual([]);
    expect(rows.filter((r) => r.position === "Bác sĩ" && !/^(Bệnh viện|Trung tâm Y tế)/.test(r.workplace))).toEqual([]);
    // The province's people work at the province: no commune, and no "xã Quảng Ngãi" anywhere.
    expect(rows.filter((r) => r.unit === "51" && /\b(xã|phường|thị trấn) /u.test(r.workplace))).toEqual([]);
    expect(rows.filter((r) => /(xã|phường|thị trấn) Quảng Ngãi$/u.test(r.workplace))).toEqual([]);
    // A district's people work in that district: its own committee, offices and communes.
    for (const unit of DISTRICT_UNITS) {
      const own = rows.filter((r) => r.unit === unit.code);
      const communes = (DISTRICT_COMMUNES[unit.code] ?? []).map((c) => c.replace(/^(xã|phường|thị trấn) /u, ""));
      const outside = own.filter((r) => !r.workplace.includes(unit.placeName) && !communes.some((c) => r.workplace.endsWith(c)));
      expect(outside, unit.name).toEqual([]);
    }
    // One holder per head position in a unit's workplace.
    const heads = new Map<string, number>();
    for (const r of rows.filter((r) =>
      /^(Hiệu trưởng|Giám đốc|Chủ tịch|Bí thư|Chánh Văn phòng|Chủ nhiệm|Tổng Biên tập|Trưởng Đài|Chánh Thanh tra)$/.test(r.position),
    )) {
      const key = `${r.unit}|${r.workplace}|${r.position}`;
      heads.set(key, (heads.get(key) ?? 0) + 1);
    }
    expect([...heads].filter(([, n]) => n > 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.workplace)).size).toBeGreaterThan(500);
  });

  it("is deterministic: the same data from the same seed", async () => {
    const again = await createTestDb();
    try {
      await seedDemo(again.db, { now: NOW });
      const digest = async (db: typeof handle.db) =>
        (
          await db
            .select({ name: t.people.fullName, phone: t.people.phone, position: t.people.position, workplace: t.people.workplace })
            .from(t.people)
            .orderBy(t.people.id)
        ).slice(0, 500);
      expect(await digest(again.db)).toEqual(await digest(handle.db));
      const count1 = (await firstRow(again.db.select({ n: count() }).from(t.checkIns)))!.n;
      const count2 = (await firstRow(handle.db.select({ n: count() }).from(t.checkIns)))!.n;
      expect(count1).toBe(count2);
    } finally {
      await again.cleanup();
    }
  });

  it("can be reset and seeded again in place", async () => {
    const again = await createTestDb();
    try {
      await seedDemo(again.db, { now: NOW });
      await clearDatabase(again.db);
      expect((await firstRow(again.db.select({ n: count() }).from(t.users)))!.n).toBe(0);
      const summary = await seedDemo(again.db, { now: NOW });
      expect(summary.conferences).toBe(56);
      expect(summary.users).toBe(4);
    } finally {
      await again.cleanup();
    }
  });
});

describe("empty start (DEMO=0)", () => {
  it("creates only the root unit and the first admin", async () => {
    const empty = await createTestDb();
    try {
      expect(await isDatabaseEmpty(empty.db)).toBe(true);
      await bootstrapEmpty(empty.db, { adminUsername: "QuanTri", adminPassword: "mat-khau-manh", rootUnitName: "Tỉnh Quảng Ngãi", rootUnitCode: "51" });
      expect(await isDatabaseEmpty(empty.db)).toBe(false);
      expect(await isDemoData(empty.db)).toBe(false);
      expect((await empty.db.select().from(t.units)).map((u) => u.name)).toEqual(["Tỉnh Quảng Ngãi"]);
      expect((await firstRow(empty.db.select({ n: count() }).from(t.conferences)))!.n).toBe(0);
      const result = await authenticate(writerForSetup(empty.db), "quantri", "mat-khau-manh", "x");
      expect(result.ok && result.user.role).toBe("admin");
    } finally {
      await empty.cleanup();
    }
  });
});
