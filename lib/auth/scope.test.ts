import { filterInOrder } from "@/lib/async/in-order";
import { firstRow, writerForSetup } from "@/db/client";
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
const as = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const conferenceOf = async (unitCode: string, bodyKind: string) =>
  (await firstRow(
    handle.db
      .select({ id: conferences.id })
      .from(conferences)
      .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
      .where(and(eq(conferences.unitId, await unitId(unitCode)), eq(bodies.kind, bodyKind))),
  ))!.id;

beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

describe("scope in SQL", () => {
  it("gives the admin and province-level staff every unit", async () => {
    expect((await as("admin")).scopeUnitIds).toBe("all");
    expect((await as("diemdanh")).scopeUnitIds).toBe("all");
    expect(await listConferences(handle.db, await as("admin"))).toHaveLength(56);
  });

  it("limits a district viewer to their unit, and provincial conferences bridged into it", async () => {
    const viewer = await as("baocao.bato");
    expect(viewer.scopeUnitIds).toEqual([await unitId("535")]);
    const rows = await listConferences(handle.db, viewer);
    expect(await filterInOrder(rows, async (r) => r.unitId === (await unitId("535")))).toHaveLength(4);
    expect((await filterInOrder(rows, async (r) => r.unitId !== (await unitId("535")))).map((r) => r.bodyName)).toEqual(["Ban Thường vụ Tỉnh ủy"]);
    expect((await listUnits(handle.db, viewer)).map((u) => u.code)).toEqual(["535"]);
  });

  it("refuses a district viewer another unit's conference, even with its id", async () => {
    const viewer = await as("baocao.bato");
    expect(await getConference(handle.db, viewer, await conferenceOf("536", "standing_committee"))).toBeNull();
    expect((await getConference(handle.db, viewer, await conferenceOf("535", "standing_committee")))?.unitName).toBe("Huyện Ba Tơ");
    expect(await listConferences(handle.db, viewer, { unitId: await unitId("536") })).toHaveLength(0);
  });

  it("shows a door-staff account only the conferences of its sites", async () => {
    const rows = await listConferences(handle.db, await as("diemdanh"));
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toContain("thực hành");
  });

  it("lets an organiser edit only their own body's conferences", async () => {
    const organizer = await as("tochuc.bato");
    expect((await getConference(handle.db, organizer, await conferenceOf("535", "propaganda")))?.canEdit).toBe(true);
    expect((await getConference(handle.db, organizer, await conferenceOf("535", "labour_federation")))?.canEdit).toBe(false);
    expect(await getConference(handle.db, organizer, await conferenceOf("536", "propaganda"))).toBeNull();
    expect((await getConference(handle.db, await as("baocao.bato"), await conferenceOf("535", "propaganda")))?.canEdit).toBe(false);
    expect((await getConference(handle.db, await as("admin"), await conferenceOf("536", "propaganda")))?.canEdit).toBe(true);
  });

  it("builds the progress board from the user's units only", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const now = new Date("2026-11-28T03:00:00Z");
    const all = (await getBoard(handle.db, await as("admin"), campaign.id, now))!;
    expect(all.rows).toHaveLength(14);
    expect(all.totals).toMatchObject({ required: 55, held: 52, overdue: 3 });
    const own = (await getBoard(handle.db, await as("baocao.bato"), campaign.id, now))!;
    expect(own.rows.map((r) => r.unit.code)).toEqual(["535"]);
    expect(own.rows[0].cells.map((c) => c.status)).toEqual(["held", "held", "held", "held"]);
  });

  it("shows gaps as scheduled, draft or missing before the deadline", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const before = (await getBoard(handle.db, await as("admin"), campaign.id, new Date("2021-03-20T03:00:00Z")))!;
    const cell = (code: string, index: number) => before.rows.find((r) => r.unit.code === code)!.cells[index].status;
    expect(cell("530", 2)).toBe("scheduled");
    expect(cell("531", 3)).toBe("draft");
    expect(cell("536", 3)).toBe("missing");
  });

  it("ends a session when the account is disabled or its session version changes", async () => {
    const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "baocao.bato"))))!;
    expect(await loadSessionUser(handle.db, row.id, row.sessionVersion + 1)).toBeNull();
    await writerForSetup(handle.db).update(users).set({ disabled: true }).where(eq(users.id, row.id));
    expect(await loadSessionUser(handle.db, row.id, row.sessionVersion)).toBeNull();
    await writerForSetup(handle.db).update(users).set({ disabled: false }).where(eq(users.id, row.id));
    expect((await loadSessionUser(handle.db, row.id, row.sessionVersion))?.username).toBe("baocao.bato");
  });
});
