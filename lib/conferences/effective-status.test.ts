import { filterInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { openBeforeMinutes } from "@/lib/checkin/window";
import { createDemoDb } from "@/lib/testing/test-db";
import { awaitingConfirmation, effectiveStatus } from "./effective-status";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

const START = new Date("2027-05-10T00:30:00Z"); // 07:30 in Vietnam
const END = new Date("2027-05-10T10:00:00Z");
const MIN = 60_000;

describe("a conference's status follows the clock", () => {
  let id = 0;
  const statusAt = async (now: Date) =>
    (await firstRow(
      handle.db
        .select({ s: effectiveStatus(handle.db, now) })
        .from(t.conferences)
        .where(eq(t.conferences.id, id)),
    ))!.s;
  const awaiting = async (now: Date) =>
    (await handle.db.select({ id: t.conferences.id }).from(t.conferences).where(awaitingConfirmation(handle.db, now))).some((r) => r.id === id);

  beforeAll(async () => {
    const { db } = handle;
    const template = (await firstRow(db.select().from(t.conferences)))!;
    id = (
      await returnedRow(
        writerForSetup(db)
          .insert(t.conferences)
          .values({
            campaignId: template.campaignId,
            unitId: template.unitId,
            bodyId: template.bodyId,
            title: "Hội nghị theo giờ",
            startsAt: START,
            endsAt: END,
            status: "scheduled",
          })
          .returning(),
      )
    ).id;
  });

  it("is scheduled until the door opens, then in progress", async () => {
    const opens = START.getTime() - openBeforeMinutes() * MIN;
    expect(await statusAt(new Date(opens - 1000))).toBe("scheduled");
    expect(await statusAt(new Date(opens))).toBe("in_progress");
    expect(await statusAt(new Date(END.getTime() - 1000))).toBe("in_progress");
  });

  it("stays as it was when it ends with nobody checked in, and waits for the organiser", async () => {
    expect(await statusAt(END)).toBe("scheduled");
    expect(await awaiting(END)).toBe(true);
    expect(await awaiting(new Date(END.getTime() - 1000))).toBe(false);
  });

  it("is in progress from its first scan, and held when it ends with check-ins", async () => {
    const { db } = handle;
    const site = await returnedRow(
      writerForSetup(db)
        .insert(t.sites)
        .values({
          conferenceId: id,
          unitId: (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.id, id))))!.unitId,
          isMain: true,
          venue: "Hội trường",
        })
        .returning(),
    );
    const person = (await firstRow(db.select().from(t.people)))!;
    const conference = (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.id, id))))!;
    const invitation = await returnedRow(
      writerForSetup(db)
        .insert(t.invitations)
        .values({ conferenceId: id, personId: person.id, bodyId: conference.bodyId, siteId: site.id, status: "issued" })
        .returning(),
    );
    const early = new Date(START.getTime() - 3 * 3_600_000); // before the door opens: a scan synced from a device
    await writerForSetup(db).insert(t.checkIns).values({
      invitationId: invitation.id,
      conferenceId: id,
      siteId: site.id,
      scannedAt: early,
      receivedAt: early,
      method: "hardware",
      isLate: false,
      nonce: "clock-test",
    });
    expect(await statusAt(new Date(early.getTime() + MIN))).toBe("in_progress");
    expect(await statusAt(END)).toBe("held");
    expect(await awaiting(END)).toBe(false);
  });

  it("keeps what the organiser said: draft, held, cancelled", async () => {
    const { db } = handle;
    for (const status of ["draft", "held", "cancelled"] as const) {
      await writerForSetup(db)
        .update(t.conferences)
        .set({ status, cancelReason: status === "cancelled" ? "Thử" : null })
        .where(eq(t.conferences.id, id));
      expect(await statusAt(new Date(START.getTime() + MIN))).toBe(status);
      expect(await statusAt(new Date(END.getTime() + MIN))).toBe(status);
    }
  });
});

describe("the board shows what waits for the organiser", () => {
  it("marks a required conference that ended with nobody checked in, and counts it", async () => {
    const { db } = handle;
    const { getBoard } = await import("@/lib/board/get-board");
    const { loadSessionUser } = await import("@/lib/auth/session-user");
    const now = new Date();
    const waiting = await filterInOrder(
      await db.select({ id: t.conferences.id, campaignId: t.conferences.campaignId }).from(t.conferences).where(awaitingConfirmation(db, now)),
      async (c) => (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.id, c.id))))!.requirementId !== null,
    );
    expect(waiting.length).toBeGreaterThan(0);
    const admin = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "admin"))))!;
    const progress = (await getBoard(db, (await loadSessionUser(db, admin.id, admin.sessionVersion))!, waiting[0].campaignId, now))!;
    const cells = progress.rows.flatMap((r) => r.cells);
    const cell = cells.find((c) => c.conferenceId === waiting[0].id)!;
    expect(cell.awaitingConfirmation).toBe(true);
    expect(cell.status).not.toBe("held");
    expect(progress.totals.awaiting).toBe(cells.filter((c) => c.awaitingConfirmation).length);
    expect(cells.filter((c) => c.status === "held").every((c) => !c.awaitingConfirmation)).toBe(true);
  });
});
