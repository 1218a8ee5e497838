import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, checkIns, conferences, invitations, people, personMerges, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { restoreInvitation, reissueInvitation } from "@/lib/invitations/manage-invitations";
import { searchInvitablePeople } from "@/lib/invitations/search-people";
import { commitBatch, uploadBatch } from "@/lib/people/import/import-people";
import { createDemoDb } from "@/lib/testing/test-db";
import { foldForSearch } from "@/lib/text/fold";
import { findPossibleDuplicates } from "./find-duplicates";
import { MERGE_REVOKE_REASON, listMergesInto, mergePeople, planPersonMerge, undoMerge } from "./merge-people";
import { getPerson, listPeople } from "./people";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const as = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
let seq = 0;
async function person(fullName: string, extra: Partial<typeof people.$inferInsert> = {}) {
  return await returnedRow(
    writerForSetup(handle.db)
      .insert(people)
      .values({ fullName, searchName: foldForSearch(fullName), unitId: await unitId("535"), ...extra })
      .returning(),
  );
}
/** Ba Tơ's four demo conferences, each with its main site. */
let baTo: { id: number; title: string; siteId: number }[];
async function invite(personId: number, conference: { id: number; siteId: number }, checkedIn = false) {
  const conf = (await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, conference.id))))!;
  const inv = await returnedRow(
    writerForSetup(handle.db)
      .insert(invitations)
      .values({ conferenceId: conference.id, personId, bodyId: conf.bodyId, siteId: conference.siteId, status: "issued", token: `THU${++seq}X${Date.now()}` })
      .returning(),
  );
  if (checkedIn) {
    await writerForSetup(handle.db).insert(checkIns).values({
      invitationId: inv.id,
      conferenceId: conference.id,
      siteId: conference.siteId,
      scannedAt: new Date(),
      receivedAt: new Date(),
      method: "manual",
    });
  }
  return inv;
}
const invitation = async (id: number) => (await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, id))))!;

beforeAll(async () => {
  handle = await createDemoDb();
  baTo = await handle.db
    .select({ id: conferences.id, title: conferences.title, siteId: sites.id })
    .from(conferences)
    .innerJoin(sites, and(eq(sites.conferenceId, conferences.id), eq(sites.isMain, true)))
    .where(eq(conferences.unitId, await unitId("535")));
});
afterAll(() => handle.cleanup());

describe("possible duplicates", () => {
  it("never suggests a namesake with nothing else in common, and ranks by how many things match", async () => {
    const me = await person("Đinh Văn Trùng", { phone: "0905111222", email: "trung@baTo.vn", workplace: "UBND xã Ba Động", externalCode: "BT-0012" });
    const stranger = await person("Đinh Văn Trùng", { phone: "0905999999", workplace: "Công an huyện" });
    const samePhone = await person("Dinh Van Trung", { phone: "0905111222" });
    const sameAll = await person("ĐINH VĂN TRÙNG", { phone: "0905111222", email: "TRUNG@bato.vn ", workplace: "ubnd xa ba dong", externalCode: "bt 0012" });
    const otherName = await person("Đinh Văn Khác", { phone: "0905111222" });
    const found = await findPossibleDuplicates(handle.db, await as("tochuc.bato"), me);
    expect(found.map((c) => c.id)).toEqual([sameAll.id, samePhone.id]);
    expect(found[0].signals).toEqual(["phone", "email", "externalCode", "workplace"]);
    expect(found[1].signals).toEqual(["phone"]);
    expect(found.map((c) => c.id)).not.toContain(stranger.id);
    expect(found.map((c) => c.id)).not.toContain(otherName.id);
  });

  it("matches the workplace without diacritics", async () => {
    const a = await person("Phạm Thị Nơi", { workplace: "Trường THCS Ba Tơ" });
    const b = await person("Phạm Thị Nơi", { workplace: "truong thcs ba to" });
    expect((await findPossibleDuplicates(handle.db, await as("tochuc.bato"), a)).map((c) => [c.id, c.signals])).toEqual([[b.id, ["workplace"]]]);
  });
});

describe("merging two records", () => {
  it("previews what moves, what is revoked and what stays, and changes nothing", async () => {
    const merged = await person("Hồ Văn Gộp", { phone: "0912000001", position: "Chủ tịch Ủy ban MTTQ" });
    const kept = await person("Hồ Văn Gộp", { phone: "0912000001", position: "Chuyên viên" });
    const moving = await invite(merged.id, baTo[0]);
    await invite(merged.id, baTo[1]);
    await invite(kept.id, baTo[1]);
    const plan = await planPersonMerge(handle.db, await as("tochuc.bato"), merged.id, kept.id);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.moving.map((i) => i.id)).toEqual([moving.id]);
    expect(plan.revoking.map((i) => i.personId)).toEqual([merged.id]);
    expect(plan.differences).toEqual(["position"]);
    expect((await invitation(moving.id)).personId).toBe(merged.id);
    expect(await getPerson(handle.db, await as("tochuc.bato"), merged.id)).not.toBeNull();
  });

  it("moves invitations, revokes the clashing one nobody used, hides the merged record, and undoes it all", async () => {
    const organizer = await as("tochuc.bato");
    const merged = await person("Trần Văn Hai", { phone: "0912000002", externalCode: "HAI-1" });
    const kept = await person("Trần Văn Hai", { phone: "0912000002" });
    const moves = await invite(merged.id, baTo[0], true);
    const clashMine = await invite(merged.id, baTo[1]);
    const clashTheirs = await invite(kept.id, baTo[1]);
    const usedMine = await invite(merged.id, baTo[2], true);
    const unusedTheirs = await invite(kept.id, baTo[2]);

    const result = await mergePeople(handle.db, organizer, merged.id, kept.id);
    expect(result).toMatchObject({ ok: true, keptId: kept.id, moved: 1, revoked: 2 });
    if (!result.ok) return;
    // The invitation (and its check-in) moved; the clash nobody used was revoked with the merge's reason;
    // at the conference where the merged record's letter was used at the door, the kept record's is revoked instead.
    expect((await invitation(moves.id)).personId).toBe(kept.id);
    expect(await firstRow(handle.db.select().from(checkIns).where(eq(checkIns.invitationId, moves.id)))).toBeTruthy();
    expect(await invitation(clashMine.id)).toMatchObject({
      personId: merged.id,
      status: "revoked",
      revokeReason: MERGE_REVOKE_REASON,
      revokedBy: organizer.id,
    });
    expect((await invitation(clashTheirs.id)).status).toBe("issued");
    expect(await invitation(usedMine.id)).toMatchObject({ personId: merged.id, status: "issued" });
    expect(await invitation(unusedTheirs.id)).toMatchObject({ status: "revoked", revokeReason: MERGE_REVOKE_REASON });
    // Kept, not deleted, and hidden from the directory, the search, suggestions and invitee lists.
    const hidden = (await firstRow(handle.db.select().from(people).where(eq(people.id, merged.id))))!;
    expect(hidden.mergedIntoId).toBe(kept.id);
    expect(await getPerson(handle.db, organizer, merged.id)).toBeNull();
    expect((await listPeople(handle.db, organizer, { q: "tran van hai" })).rows.map((r) => r.id)).toEqual([kept.id]);
    expect((await findPossibleDuplicates(handle.db, organizer, kept)).map((c) => c.id)).not.toContain(merged.id);
    expect((await searchInvitablePeople(handle.db, baTo[3].id, await unitId("535"), "tran van hai")).map((p) => p.id)).toEqual([kept.id]);
    const row = (await firstRow(handle.db.select().from(personMerges).where(eq(personMerges.id, result.mergeId))))!;
    expect(row).toMatchObject({ keptPersonId: kept.id, mergedPersonId: merged.id, movedInvitationIds: [moves.id], mergedBy: organizer.id, undoneAt: null });
    expect(row.revokedInvitationIds.sort()).toEqual([clashMine.id, unusedTheirs.id].sort());
    const audit = (await firstRow(
      handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "merge"), eq(auditLog.entity, "person"), eq(auditLog.entityId, String(kept.id)))),
    ))!;
    expect(audit.after).toMatchObject({ mergeId: result.mergeId, mergedPersonId: merged.id });
    // A letter a merge revoked is restored by undoing the merge, not on its own.
    expect(await restoreInvitation(handle.db, organizer, baTo[1].id, clashMine.id)).toEqual({ ok: false, code: "revokedByMerge" });
    expect(await reissueInvitation(handle.db, organizer, baTo[1].id, clashMine.id)).toEqual({ ok: false, code: "revokedByMerge" });

    const undone = await undoMerge(handle.db, organizer, result.mergeId);
    expect(undone).toMatchObject({ ok: true, keptId: kept.id, mergedId: merged.id, movedBack: 1, restored: 2 });
    expect((await invitation(moves.id)).personId).toBe(merged.id);
    expect(await invitation(clashMine.id)).toMatchObject({ status: "issued", revokeReason: null, revokedAt: null, revokedBy: null });
    expect((await invitation(unusedTheirs.id)).status).toBe("issued");
    expect(await getPerson(handle.db, organizer, merged.id)).not.toBeNull();
    expect((await firstRow(handle.db.select().from(personMerges).where(eq(personMerges.id, result.mergeId))))!.undoneBy).toBe(organizer.id);
    expect(
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "undo_merge"), eq(auditLog.entityId, String(merged.id)))),
    ).toHaveLength(1);
    expect(await undoMerge(handle.db, organizer, result.mergeId)).toEqual({ ok: false, code: "mergeAlreadyUndone" });
    expect((await listMergesInto(handle.db, organizer, kept.id))[0]).toMatchObject({ id: result.mergeId, mergedName: "Trần Văn Hai" });
  });

  it("refuses when both records checked in at one conference, naming it", async () => {
    const a = await person("Lê Thị Hai Lượt", { phone: "0912000003" });
    const b = await person("Lê Thị Hai Lượt", { phone: "0912000003" });
    await invite(a.id, baTo[0], true);
    await invite(b.id, baTo[0], true);
    expect(await mergePeople(handle.db, await as("tochuc.bato"), a.id, b.id)).toEqual({
      ok: false,
      code: "mergeAttendanceConflict",
      conference: baTo[0].title,
    });
    expect((await firstRow(handle.db.select().from(people).where(eq(people.id, a.id))))!.mergedIntoId).toBeNull();
  });

  it("refuses the same record, a merged record, and records of another unit", async () => {
    const a = await person("Võ Văn Phạm Vi", { phone: "0912000004" });
    const b = await person("Võ Văn Phạm Vi", { phone: "0912000004" });
    expect(await mergePeople(handle.db, await as("tochuc.bato"), a.id, a.id)).toEqual({ ok: false, code: "mergeSame" });
    // A user of another unit (Lý Sơn) does not find them: the scope is in the SQL.
    const outsider: SessionUser = { ...(await as("tochuc.bato")), scopeUnitIds: [await unitId("536")] };
    expect(await mergePeople(handle.db, outsider, a.id, b.id)).toEqual({ ok: false, code: "notFound" });
    const merge = await mergePeople(handle.db, await as("tochuc.bato"), a.id, b.id);
    expect(merge.ok).toBe(true);
    expect(await mergePeople(handle.db, await as("tochuc.bato"), a.id, b.id)).toEqual({ ok: false, code: "notFound" });
    if (merge.ok) expect(await undoMerge(handle.db, outsider, merge.mergeId)).toEqual({ ok: false, code: "mergeNotFound" });
  });

  it("refuses to undo a merge whose kept record was merged again, until that one is undone", async () => {
    const organizer = await as("tochuc.bato");
    const a = await person("Bùi Văn Ba Lần", { phone: "0912000005" });
    const b = await person("Bùi Văn Ba Lần", { phone: "0912000005" });
    const c = await person("Bùi Văn Ba Lần", { phone: "0912000005" });
    const moved = await invite(a.id, baTo[3]);
    const first = await mergePeople(handle.db, organizer, a.id, b.id);
    const second = await mergePeople(handle.db, organizer, b.id, c.id);
    if (!first.ok || !second.ok) throw new Error("merges refused");
    expect((await invitation(moved.id)).personId).toBe(c.id);
    expect(await undoMerge(handle.db, organizer, first.mergeId)).toEqual({ ok: false, code: "mergeKeptMergedSince", name: "Bùi Văn Ba Lần" });
    expect((await undoMerge(handle.db, organizer, second.mergeId)).ok).toBe(true);
    expect((await undoMerge(handle.db, organizer, first.mergeId)).ok).toBe(true);
    expect((await invitation(moved.id)).personId).toBe(a.id);
  });

  it("does not restore on undo a letter someone changed since (revoked anew with another reason)", async () => {
    const organizer = await as("tochuc.bato");
    const a = await person("Ngô Văn Đổi", { phone: "0912000006" });
    const b = await person("Ngô Văn Đổi", { phone: "0912000006" });
    const clash = await invite(a.id, baTo[2]);
    await invite(b.id, baTo[2]);
    const merge = await mergePeople(handle.db, organizer, a.id, b.id);
    if (!merge.ok) throw new Error("merge refused");
    await writerForSetup(handle.db)
      .update(invitations)
      .set({ revokeReason: "Người này đã nghỉ hưu", revokedAt: new Date(Date.now() + 1000) })
      .where(eq(invitations.id, clash.id));
    expect(await undoMerge(handle.db, organizer, merge.mergeId)).toMatchObject({ ok: true, restored: 0 });
    expect(await invitation(clash.id)).toMatchObject({ status: "revoked", revokeReason: "Người này đã nghỉ hưu" });
  });

  it("an import naming a merged record's code updates the record it went into, not a new one", async () => {
    const organizer = await as("tochuc.bato");
    const a = await person("Đặng Văn Mã", { externalCode: "MA-GOP-1", phone: "0912000007" });
    const b = await person("Đặng Văn Mã", { externalCode: "MA-GOP-2", phone: "0912000007" });
    expect((await mergePeople(handle.db, organizer, a.id, b.id)).ok).toBe(true);
    const upload = await uploadBatch(
      writerForSetup(handle.db),
      organizer,
      await unitId("535"),
      "ma.csv",
      new TextEncoder().encode("Họ và tên,Chức vụ,Mã\nĐặng Văn Mã,Trưởng thôn,MA-GOP-1"),
    );
    if (!upload.ok) throw new Error("upload refused");
    expect(await commitBatch(handle.db, organizer, upload.batchId, upload.mapping)).toMatchObject({ ok: true, inserted: 0, updated: 1 });
    const rows = await handle.db
      .select()
      .from(people)
      .where(inArray(people.id, [a.id, b.id]));
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ position: "Trưởng thôn", externalCode: "MA-GOP-2" });
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ externalCode: "MA-GOP-1", mergedIntoId: b.id });
  });
});
