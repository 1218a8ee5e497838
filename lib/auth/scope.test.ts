import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodies, conferences, units, users } from "@/db/schema";
import { getBoard } from "@/lib/board/get-board";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { getConference } from "@/lib/conferences/get-conference";
import { listConferences } from "@/lib/conferences/list-conferences";
import { createDemoDb } from "@/lib/testing/test-db";
import { listUnits } from "@/lib/units/list-units";
import { loadSessionUser, type SessionUser } from "./session-user";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const as = (username: string): SessionUser => {
  const row = handle.db.select().from(users).where(eq(users.username, username)).get()!;
  return loadSessionUser(handle.db, row.id, row.sessionVersion)!;
};
const unitId = (code: string) => handle.db.select().from(units).where(eq(units.code, code)).get()!.id;
const conferenceOf = (unitCode: string, bodyKind: string) =>
  handle.db
    .select({ id: conferences.id })
    .from(conferences)
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .where(and(eq(conferences.unitId, unitId(unitCode)), eq(bodies.kind, bodyKind)))
    .get()!.id;

beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

describe("scope in SQL", () => {
  it("gives the admin and province-level staff every unit", () => {
    expect(as("admin").scopeUnitIds).toBe("all");
    expect(as("diemdanh").scopeUnitIds).toBe("all");
    expect(listConferences(handle.db, as("admin"))).toHaveLength(56);
  });

  it("limits a district viewer to their unit, and provincial conferences bridged into it", () => {
    const viewer = as("baocao.bato");
    expect(viewer.scopeUnitIds).toEqual([unitId("535")]);
    const rows = listConferences(handle.db, viewer);
    expect(rows.filter((r) => r.unitId === unitId("535"))).toHaveLength(4);
    expect(rows.filter((r) => r.unitId !== unitId("535")).map((r) => r.bodyName)).toEqual(["Ban Thường vụ Tỉnh ủy"]);
    expect(listUnits(handle.db, viewer).map((u) => u.code)).toEqual(["535"]);
  });

  it("refuses a district viewer another unit's conference, even with its id", () => {
    const viewer = as("baocao.bato");
    expect(getConference(handle.db, viewer, conferenceOf("536", "standing_committee"))).toBeNull();
    expect(getConference(handle.db, viewer, conferenceOf("535", "standing_committee"))?.unitName).toBe("Huyện Ba Tơ");
    expect(listConferences(handle.db, viewer, { unitId: unitId("536") })).toHaveLength(0);
  });

  it("shows a door-staff account only the conferences of its sites", () => {
    const rows = listConferences(handle.db, as("diemdanh"));
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toContain("thực hành");
  });

  it("lets an organiser edit only their own body's conferences", () => {
    const organizer = as("tochuc.bato");
    expect(getConference(handle.db, organizer, conferenceOf("535", "propaganda"))?.canEdit).toBe(true);
    expect(getConference(handle.db, organizer, conferenceOf("535", "labour_federation"))?.canEdit).toBe(false);
    expect(getConference(handle.db, organizer, conferenceOf("536", "propaganda"))).toBeNull();
    expect(getConference(handle.db, as("baocao.bato"), conferenceOf("535", "propaganda"))?.canEdit).toBe(false);
    expect(getConference(handle.db, as("admin"), conferenceOf("536", "propaganda"))?.canEdit).toBe(true);
  });

  it("builds the progress board from the user's units only", () => {
    const campaign = getCurrentCampaign(handle.db, null)!;
    const now = new Date("2026-11-28T03:00:00Z");
    const all = getBoard(handle.db, as("admin"), campaign.id, now)!;
    expect(all.rows).toHaveLength(14);
    expect(all.totals).toMatchObject({ required: 55, held: 52, overdue: 3 });
    const own = getBoard(handle.db, as("baocao.bato"), campaign.id, now)!;
    expect(own.rows.map((r) => r.unit.code)).toEqual(["535"]);
    expect(own.rows[0].cells.map((c) => c.status)).toEqual(["held", "held", "held", "held"]);
  });

  it("shows gaps as scheduled, draft or missing before the deadline", () => {
    const campaign = getCurrentCampaign(handle.db, null)!;
    const before = getBoard(handle.db, as("admin"), campaign.id, new Date("2021-03-20T03:00:00Z"))!;
    const cell = (code: string, index: number) => before.rows.find((r) => r.unit.code === code)!.cells[index].status;
    expect(cell("530", 2)).toBe("scheduled");
    expect(cell("531", 3)).toBe("draft");
    expect(cell("536", 3)).toBe("missing");
  });

  it("ends a session when the account is disabled or its session version changes", () => {
    const row = handle.db.select().from(users).where(eq(users.username, "baocao.bato")).get()!;
    expect(loadSessionUser(handle.db, row.id, row.sessionVersion + 1)).toBeNull();
    handle.db.update(users).set({ disabled: true }).where(eq(users.id, row.id)).run();
    expect(loadSessionUser(handle.db, row.id, row.sessionVersion)).toBeNull();
    handle.db.update(users).set({ disabled: false }).where(eq(users.id, row.id)).run();
    expect(loadSessionUser(handle.db, row.id, row.sessionVersion)?.username).toBe("baocao.bato");
  });
});
