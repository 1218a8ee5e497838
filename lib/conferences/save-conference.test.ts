import { isUniqueViolation } from "@/db/dialect";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bodies, campaignRequirements, campaigns, conferences, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { conferenceFormSchema } from "@/lib/schemas/conferences";
import { createDemoDb } from "@/lib/testing/test-db";
import { formatRange } from "@/lib/time/format";
import { addBridgePointsEverywhere, removeSite, saveSite } from "./manage-sites";
import { cancelConference, duplicateConference, moveConference, restoreConference, saveConference, setConferenceStatus } from "./save-conference";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const as = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const bodyOf = async (code: string, kind: string) =>
  (await firstRow(
    handle.db
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, await unitId(code)), eq(bodies.kind, kind))),
  ))!.id;
const conferenceOf = async (code: string, kind: string) =>
  (await firstRow(
    handle.db
      .select({ id: conferences.id })
      .from(conferences)
      .where(and(eq(conferences.unitId, await unitId(code)), eq(conferences.bodyId, await bodyOf(code, kind)))),
  ))!.id;
const form = async (over: Record<string, unknown> = {}) =>
  conferenceFormSchema.parse({
    campaignId: String((await firstRow(handle.db.select().from(campaigns)))!.id),
    bodyId: String(await bodyOf("535", "propaganda")),
    title: "Hội nghị chuyên đề về Chương trình hành động",
    startDate: "15/03/2021",
    startTime: "7h30",
    endDate: "15/03/2021",
    endTime: "11:30",
    graceMinutes: "15",
    status: "scheduled",
    venue: "Nhà Văn hóa huyện Ba Tơ",
    address: "Thị trấn Ba Tơ",
    capacity: "200",
    ...over,
  });
const timeOf = async (id: number) => {
  const c = (await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, id))))!;
  return formatRange(c.startsAt, c.endsAt);
};

beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

describe("the conference form", () => {
  it("reads Vietnamese dates and times into instants", async () => {
    const input = await form();
    expect(input.startsAt.toISOString()).toBe("2021-03-15T00:30:00.000Z");
    expect(conferenceFormSchema.safeParse({ ...(await form()), startDate: "31/02/2021" }).success).toBe(false);
  });

  it("lets an organiser create a conference of their body, with its main site, and audits it", async () => {
    const result = await saveConference(handle.db, await as("tochuc.bato"), await form());
    expect(result.ok).toBe(true);
    const id = (result as { id: number }).id;
    expect(await timeOf(id)).toBe("07:30–11:30 15/03/2021");
    expect(await handle.db.select().from(sites).where(eq(sites.conferenceId, id))).toMatchObject([
      { isMain: true, venue: "Nhà Văn hóa huyện Ba Tơ", capacity: 200 },
    ]);
    expect(
      (await firstRow(
        handle.db
          .select({ n: count() })
          .from(auditLog)
          .where(and(eq(auditLog.entity, "conference"), eq(auditLog.entityId, String(id)))),
      ))!.n,
    ).toBe(1);
  });

  it("refuses another body, even when the id is sent by hand", async () => {
    expect(await saveConference(handle.db, await as("tochuc.bato"), await form({ bodyId: String(await bodyOf("535", "labour_federation")) }))).toEqual({
      ok: false,
      field: "bodyId",
      code: "bodyNotAllowed",
    });
    expect(await saveConference(handle.db, await as("baocao.bato"), await form())).toEqual({ ok: false, field: "bodyId", code: "bodyNotAllowed" });
  });

  it("refuses to edit another body's conference", async () => {
    const labour = await conferenceOf("535", "labour_federation");
    expect(await saveConference(handle.db, await as("tochuc.bato"), await form(), labour)).toEqual({ ok: false, code: "notFound" });
    expect(
      await moveConference(handle.db, await as("tochuc.bato"), {
        conferenceId: labour,
        startDeltaMs: 86_400_000,
        endDeltaMs: 86_400_000,
        confirmWarnings: true,
      }),
    ).toEqual({ ok: false, code: "notFound" });
  });

  it("keeps one conference per requirement and unit", async () => {
    const requirement = (await firstRow(
      handle.db
        .select()
        .from(campaignRequirements)
        .where(and(eq(campaignRequirements.unitKind, "huyen"), eq(campaignRequirements.bodyKind, "propaganda"))),
    ))!;
    expect(await saveConference(handle.db, await as("tochuc.bato"), await form({ requirementId: String(requirement.id) }))).toEqual({
      ok: false,
      field: "requirementId",
      code: "requirementTaken",
    });
  });

  it("keeps it in the database too: a second live conference for one requirement and unit is refused, a cancelled one is not", async () => {
    const requirement = (await firstRow(
      handle.db
        .select()
        .from(campaignRequirements)
        .where(and(eq(campaignRequirements.unitKind, "huyen"), eq(campaignRequirements.bodyKind, "propaganda"))),
    ))!;
    const fulfilling = (await firstRow(
      handle.db
        .select()
        .from(conferences)
        .where(and(eq(conferences.requirementId, requirement.id), eq(conferences.unitId, await unitId("535")))),
    ))!;
    const copy = { ...fulfilling, id: undefined, createdAt: undefined };
    const refusal = await writerForSetup(handle.db)
      .insert(conferences)
      .values({ ...copy, status: "draft", cancelReason: null })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(refusal, "conferences_requirement_unit_unique")).toBe(true);
    const cancelled = await returnedRow(
      writerForSetup(handle.db)
        .insert(conferences)
        .values({ ...copy, status: "cancelled", cancelReason: "Trùng lịch" })
        .returning(),
    );
    // Reinstating the cancelled one would make two: refused with the form's clear message, not a 500.
    expect(await setConferenceStatus(handle.db, await as("tochuc.bato"), cancelled.id, "draft")).toEqual({ ok: false, code: "requirementTaken" });
    expect(await restoreConference(handle.db, await as("tochuc.bato"), cancelled.id, "scheduled")).toEqual({ ok: false, code: "requirementTaken" });
    expect((await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, cancelled.id))))!.status).toBe("cancelled");
  });

  it("answers the index's refusal with the form's message when the check in code misses it (a conference moved by a unit merge)", async () => {
    const requirement = (await firstRow(
      handle.db
        .select()
        .from(campaignRequirements)
        .where(and(eq(campaignRequirements.unitKind, "huyen"), eq(campaignRequirements.bodyKind, "propaganda"))),
    ))!;
    const fulfilling = (await firstRow(
      handle.db
        .select()
        .from(conferences)
        .where(and(eq(conferences.requirementId, requirement.id), eq(conferences.unitId, await unitId("535")), eq(conferences.status, "held"))),
    ))!;
    // Filed under a unit with no conference for the requirement (the province), but counted by the index for the unit it came
    // from (formerUnitId): the check in code looks at unitId only, so the index has the last word.
    const province = (await firstRow(handle.db.select().from(units).where(eq(units.kind, "tinh"))))!.id;
    const moved = await returnedRow(
      writerForSetup(handle.db)
        .insert(conferences)
        .values({
          ...fulfilling,
          id: undefined,
          createdAt: undefined,
          unitId: province,
          formerUnitId: fulfilling.unitId,
          status: "cancelled",
          cancelReason: "Trùng lịch",
        })
        .returning(),
    );
    const organizer = await as("tochuc.bato");
    expect(await setConferenceStatus(handle.db, organizer, moved.id, "draft")).toEqual({ ok: false, code: "requirementTaken" });
    expect(await restoreConference(handle.db, organizer, moved.id, "scheduled")).toEqual({ ok: false, code: "requirementTaken" });
    expect((await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, moved.id))))!.status).toBe("cancelled");
  });

  it("asks to confirm warnings, then saves", async () => {
    const warned = await saveConference(handle.db, await as("tochuc.bato"), await form({ startDate: "01/04/2021", endDate: "01/04/2021" }));
    expect(warned).toMatchObject({ ok: false, code: "conflicts", conflicts: [{ code: "after_deadline", blocking: false }] });
    const confirmed = await saveConference(
      handle.db,
      await as("tochuc.bato"),
      await form({ startDate: "01/04/2021", endDate: "01/04/2021", confirmWarnings: "1" }),
    );
    expect(confirmed.ok).toBe(true);
  });

  it("refuses a venue clash even when confirmed", async () => {
    const result = await saveConference(
      handle.db,
      await as("tochuc.bato"),
      await form({ startDate: "18/03/2021", endDate: "18/03/2021", venue: "Trung tâm Chính trị huyện Ba Tơ", confirmWarnings: "1" }),
    );
    expect(result).toMatchObject({ ok: false, code: "conflicts", conflicts: [{ code: "venue_clash", blocking: true }] });
  });
});

describe("moving, duplicating, cancelling", () => {
  it("moves by whole days and undoes nothing when refused", async () => {
    const own = await conferenceOf("535", "propaganda"); // 18/03, held
    const admin = await as("admin");
    expect(await moveConference(handle.db, admin, { conferenceId: own, startDeltaMs: 86_400_000, endDeltaMs: 86_400_000, confirmWarnings: false })).toEqual({
      ok: false,
      code: "cannotMove",
    });

    const created = await saveConference(
      handle.db,
      await as("tochuc.bato"),
      await form({ startDate: "16/03/2021", endDate: "16/03/2021", title: "Hội nghị để dời lịch" }),
    );
    const id = (created as { id: number }).id;
    const moved = await moveConference(handle.db, await as("tochuc.bato"), {
      conferenceId: id,
      startDeltaMs: 86_400_000,
      endDeltaMs: 86_400_000 + 3_600_000,
      confirmWarnings: false,
    });
    expect(moved.ok).toBe(true);
    expect(await timeOf(id)).toBe("07:30–12:30 17/03/2021");

    // Onto the Standing Committee's hall and day: refused, nothing changes.
    await saveSite(handle.db, await as("tochuc.bato"), {
      conferenceId: id,
      siteId: null,
      unitId: await unitId("535"),
      venue: "Hội trường Huyện ủy Ba Tơ",
      address: "",
      capacity: null,
      staffIds: [],
    });
    const refused = await moveConference(handle.db, await as("tochuc.bato"), {
      conferenceId: id,
      startDeltaMs: -7 * 86_400_000,
      endDeltaMs: -7 * 86_400_000,
      confirmWarnings: true,
    });
    expect(refused).toMatchObject({ ok: false, code: "conflicts" });
    expect(await timeOf(id)).toBe("07:30–12:30 17/03/2021");
  });

  it("duplicates as a draft with the same sites and no requirement", async () => {
    const standing = await conferenceOf("51", "standing_committee");
    const copy = await duplicateConference(handle.db, await as("admin"), standing, "(bản sao)");
    const id = (copy as { id: number }).id;
    const row = (await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, id))))!;
    expect(row).toMatchObject({ status: "draft", requirementId: null });
    expect(row.title.endsWith("(bản sao)")).toBe(true);
    expect((await firstRow(handle.db.select({ n: count() }).from(sites).where(eq(sites.conferenceId, id))))!.n).toBe(14);
  });

  it("cancels with a reason, refuses to cancel a held one, and follows the status rules", async () => {
    const created = await saveConference(
      handle.db,
      await as("tochuc.bato"),
      await form({ startDate: "19/03/2021", endDate: "19/03/2021", title: "Hội nghị sẽ hủy" }),
    );
    const id = (created as { id: number }).id;
    expect((await setConferenceStatus(handle.db, await as("tochuc.bato"), id, "draft")).ok).toBe(true);
    expect(await setConferenceStatus(handle.db, await as("tochuc.bato"), id, "held")).toEqual({ ok: false, code: "statusNotAllowed" });
    expect((await cancelConference(handle.db, await as("tochuc.bato"), id, "Trùng lịch tiếp xúc cử tri")).ok).toBe(true);
    expect(await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, id)))).toMatchObject({
      status: "cancelled",
      cancelReason: "Trùng lịch tiếp xúc cử tri",
    });
    expect(await cancelConference(handle.db, await as("tochuc.bato"), await conferenceOf("535", "propaganda"), "x x x")).toEqual({
      ok: false,
      code: "cannotCancelHeld",
    });
  });

  it("restores a cancelled conference to scheduled or a draft, keeping the reason in the audit log", async () => {
    const created = await saveConference(
      handle.db,
      await as("tochuc.bato"),
      await form({ startDate: "18/03/2021", endDate: "18/03/2021", title: "Hội nghị hủy nhầm" }),
    );
    const id = (created as { id: number }).id;
    expect(await restoreConference(handle.db, await as("tochuc.bato"), id, "draft")).toEqual({ ok: false, code: "notCancelled" });
    expect((await cancelConference(handle.db, await as("tochuc.bato"), id, "Bấm nhầm")).ok).toBe(true);
    // Another body's organiser, and a viewer, find nothing to restore.
    expect(await restoreConference(handle.db, await as("baocao.bato"), id, "scheduled")).toEqual({ ok: false, code: "notFound" });
    expect(await restoreConference(handle.db, await as("tochuc.bato"), id, "scheduled")).toMatchObject({ ok: true, id });
    expect(await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, id)))).toMatchObject({ status: "scheduled", cancelReason: null });
    const audit = (await firstRow(
      handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "conference"), eq(auditLog.entityId, String(id)), eq(auditLog.action, "restore"))),
    ))!;
    expect(audit).toMatchObject({ before: { status: "cancelled", reason: "Bấm nhầm" }, after: { status: "scheduled" } });
  });
});

describe("sites", () => {
  it("adds a bridge point in every unit below the province that has none", async () => {
    const propaganda = await conferenceOf("51", "propaganda");
    const result = await addBridgePointsEverywhere(handle.db, await as("admin"), propaganda);
    expect(result).toMatchObject({ ok: true, skipped: [] });
    expect((result as { added: string[] }).added).toHaveLength(17);
    expect(await addBridgePointsEverywhere(handle.db, await as("admin"), propaganda)).toMatchObject({ ok: true, added: [] });
    expect(await addBridgePointsEverywhere(handle.db, await as("tochuc.bato"), propaganda)).toMatchObject({ ok: false, code: "notFound" });
  });

  it("refuses a site outside the conference's units, a non-scanner as door staff, and removing a site with invitations", async () => {
    const own = await conferenceOf("535", "propaganda");
    const organizer = await as("tochuc.bato");
    expect(
      await saveSite(handle.db, organizer, {
        conferenceId: own,
        siteId: null,
        unitId: await unitId("536"),
        venue: "Hội trường X",
        address: "",
        capacity: null,
        staffIds: [],
      }),
    ).toMatchObject({ ok: false, field: "unitId" });
    expect(
      await saveSite(handle.db, organizer, {
        conferenceId: own,
        siteId: null,
        unitId: await unitId("535"),
        venue: "Hội trường X",
        address: "",
        capacity: null,
        staffIds: [organizer.id],
      }),
    ).toMatchObject({ ok: false, field: "staffIds" });
    const main = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, own))))!;
    expect(await removeSite(handle.db, organizer, own, main.id)).toEqual({ ok: false, code: "cannotRemoveMain" });
    const bridge = (await firstRow(
      handle.db
        .select()
        .from(sites)
        .where(and(eq(sites.conferenceId, await conferenceOf("51", "standing_committee")), eq(sites.isMain, false))),
    ))!;
    expect(await removeSite(handle.db, await as("admin"), await conferenceOf("51", "standing_committee"), bridge.id)).toEqual({
      ok: false,
      code: "siteHasInvitations",
    });
  });
});
