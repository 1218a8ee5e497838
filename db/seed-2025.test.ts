import { filterInOrder } from "@/lib/async/in-order";
import { firstRow, writerForSetup } from "@/db/client";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser } from "@/lib/auth/session-user";
import { getBoard } from "@/lib/board/get-board";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { listAssignments } from "@/lib/checkin/list-assignments";
import { isDemoData } from "@/lib/settings/is-demo-data";
import { createTestDb } from "@/lib/testing/test-db";
import { seedReform2025 } from "./seed-2025";
import { REFORM_ACCOUNTS, REFORM_PASSWORD, REFORM_REQUIREMENTS, REFORM_SCHEDULED, REFORM_UNITS } from "./seed-2025-data";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const NOW = new Date("2026-12-06T03:00:00Z");

beforeAll(async () => {
  handle = await createTestDb();
  await seedReform2025(writerForSetup(handle.db), { now: NOW });
}, 60_000);
afterAll(() => handle.cleanup());

describe("DEMO=2025: a province after the reform, built through the admin functions", () => {
  it("has the root, its commune-level units and Party committees directly under it, and no district level", async () => {
    const { db } = handle;
    const root = await db.select().from(t.units).where(isNull(t.units.parentId));
    expect(root.map((u) => u.code)).toEqual(["51"]);
    const below = await db.select().from(t.units).where(eq(t.units.parentId, root[0].id));
    expect(below).toHaveLength(REFORM_UNITS.length);
    expect(new Set(below.map((u) => u.kind))).toEqual(new Set(["xa", "phuong", "dac_khu", "dang_bo_truc_thuoc"]));
    expect((await firstRow(db.select({ n: count() }).from(t.units).where(eq(t.units.kind, "huyen"))))!.n).toBe(0);
    expect(await isDemoData(db)).toBe(true);
  });

  it("gives every unit the bodies of its template, with the merged provincial board", async () => {
    const { db } = handle;
    const bodiesOf = async (code: string) =>
      await db
        .select({ name: t.bodies.name, kind: t.bodies.kind, symbol: t.bodies.symbol })
        .from(t.bodies)
        .innerJoin(t.units, eq(t.units.id, t.bodies.unitId))
        .where(eq(t.units.code, code));
    expect((await bodiesOf("51")).map((b) => b.name)).toContain("Ban Tuyên giáo và Dân vận Tỉnh ủy");
    expect((await bodiesOf("51018")).map((b) => b.name)).toEqual(
      expect.arrayContaining(["Ban Thường vụ Đảng ủy xã Ba Tơ", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ba Tơ"]),
    );
    const withoutBodies = await filterInOrder(
      await db
        .select({ code: t.units.code })
        .from(t.units)
        .where(and(eq(t.units.kind, "xa"), isNull(t.units.retiredAt))),
      async (u) => (await bodiesOf(u.code)).length === 0,
    );
    expect(withoutBodies).toEqual([]);
  });

  it("runs one current campaign whose board asks each commune for its conferences", async () => {
    const { db } = handle;
    const admin = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "admin"))))!;
    const user = (await loadSessionUser(db, admin.id, admin.sessionVersion))!;
    const campaign = (await getCurrentCampaign(db, user, NOW))!;
    expect(campaign.title).toContain("2025-2030");
    expect((await firstRow(db.select({ n: count() }).from(t.campaignRequirements)))!.n).toBe(REFORM_REQUIREMENTS.length);
    const progress = (await getBoard(db, user, campaign.id, NOW))!;
    const communes = REFORM_UNITS.filter((u) => ["xa", "phuong", "dac_khu"].includes(u.kind)).length;
    const partyCommittees = REFORM_UNITS.filter((u) => u.kind === "dang_bo_truc_thuoc").length;
    expect(progress.totals.required).toBe(2 + communes * 2 + partyCommittees);
    // A campaign under way whatever the day the demo is loaded: some conferences scheduled, none overdue.
    const cells = progress.rows.flatMap((r) => r.cells);
    expect(cells.filter((c) => c.status === "scheduled")).toHaveLength(REFORM_SCHEDULED.length);
    expect(cells.filter((c) => c.status === "overdue")).toHaveLength(0);
  });

  it("signs in every demo account, and the door account is assigned to the practice conference open now", async () => {
    const { db } = handle;
    for (const a of [{ username: "admin" }, ...REFORM_ACCOUNTS]) {
      const result = await authenticate(writerForSetup(db), a.username, REFORM_PASSWORD, "x");
      expect(result.ok, a.username).toBe(true);
    }
    const scanner = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "diemdanh"))))!;
    const assignments = await listAssignments(db, scanner.id, NOW);
    expect(assignments.length).toBe(1);
    const issued = (await firstRow(db.select({ n: count() }).from(t.invitations).where(eq(t.invitations.status, "issued"))))!.n;
    expect(issued).toBe(60);
  });

  it("is refused by nothing: the whole demo is in the audit log as the admin's own work", async () => {
    const { db } = handle;
    const actions = new Set((await db.select({ entity: t.auditLog.entity }).from(t.auditLog)).map((r) => r.entity));
    for (const entity of ["unit", "body", "campaign", "user", "conference"]) expect(actions, entity).toContain(entity);
  });
});
