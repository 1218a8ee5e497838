import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { boardView } from "./board-view";
import { boardCsv } from "./board-csv";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { getBoard } from "./get-board";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

const admin = async () => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};

describe("board", () => {
  it("has one column per kind of required conference and leaves cells not required empty", async () => {
    const progress = (await getBoard(handle.db, await admin(), (await getCurrentCampaign(handle.db, null))!.id))!;
    const board = boardView(progress);
    expect(board.columns.map((c) => c.key)).toEqual([
      "standing_committee",
      "propaganda",
      "propaganda+labour_federation",
      "labour_federation",
      "education_office",
    ]);
    const province = board.rows.find((r) => r.unit.code === "51")!;
    expect(province.cells.map((c) => c?.status ?? null)).toEqual(["held", "held", "held", null, null]);
    const lySon = board.rows.find((r) => r.unit.code === "536")!;
    expect(lySon.cells.map((c) => c?.status ?? null)).toEqual(["held", "held", null, "held", "overdue"]);
    expect(board.columnTotals).toEqual([
      { held: 14, required: 14 },
      { held: 14, required: 14 },
      { held: 1, required: 1 },
      { held: 12, required: 13 },
      { held: 11, required: 13 },
    ]);
  });

  it("filters rows by a cell status", async () => {
    const progress = (await getBoard(handle.db, await admin(), (await getCurrentCampaign(handle.db, null))!.id))!;
    expect(
      boardView(progress, "overdue")
        .rows.map((r) => r.unit.code)
        .sort(),
    ).toEqual(["530", "531", "536"]);
  });

  it("exports one CSV line per unit and requirement, with a BOM for Excel", async () => {
    const progress = (await getBoard(handle.db, await admin(), (await getCurrentCampaign(handle.db, null))!.id))!;
    const csv = boardCsv(progress, (k) => k);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(56);
    expect(lines.find((l) => l.startsWith("536,") && l.includes("overdue"))).toContain("conferenceStatus.cancelled");
  });
});

describe("current campaign", () => {
  it("prefers a started campaign over one that has not started yet", async () => {
    const { campaigns } = await import("@/db/schema");
    const demo = (await getCurrentCampaign(handle.db, null))!;
    const upcoming = await returnedRow(
      writerForSetup(handle.db).insert(campaigns).values({ title: "Sắp tới", resolution: "x", startDate: "2099-01-01", deadline: "2099-03-31" }).returning(),
    );
    expect((await getCurrentCampaign(handle.db, null))!.id).toBe(demo.id);
    expect((await getCurrentCampaign(handle.db, null, new Date("2099-02-01T00:00:00Z")))!.id).toBe(upcoming.id);
    // Before any has started: the next to start, not the one due last.
    expect((await getCurrentCampaign(handle.db, null, new Date("2000-01-01T00:00:00Z")))!.id).toBe(demo.id);
    await writerForSetup(handle.db).delete(campaigns).where(eq(campaigns.id, upcoming.id));
  });
});
