import { forEachInOrder, mapInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Reflection essays on a real database (the demo, plus a conference made by hand in Sơn Hà):
 * recording and unrecording in bulk, the refusal of invitees who did not attend, scope, the
 * days allowed, the import's preview and its commit (twice), and undoing a check-in.
 */
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { undoCheckIn } from "@/lib/checkin/door-actions";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { signToken } from "@/lib/tokens/qr-token";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { essayCountsOfPart, listEssays } from "./list-essays";
import { planEssayImport } from "./plan-essay-import";
import { readEssayFile, readEssayText } from "./read-essay-list";
import { recordEssays, unrecordEssays } from "./record-essays";

const NOW = new Date("2026-11-28T03:00:00Z");
const START = new Date("2021-03-20T00:30:00Z"); // 07:30 on 20/03/2021 in Vietnam
const AFTER = new Date("2021-03-25T03:00:00Z"); // "today" for the day checks: 25/03/2021
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let conferenceId: number;
let siteId: number;
/** [0] on time, [1] late, [2] through a substitute, [3] excused, [4] absent, [5] checked in then revoked, [6] walk-in, [7] namesake of [0] in another unit, present. */
let inv: number[];
let tokens: string[];
let admin: SessionUser;
let organiser: SessionUser;
let viewer: SessionUser;
let otherAdmin: SessionUser;
let otherOrganiser: SessionUser;

const user = async (username: string) =>
  (await loadSessionUser(handle.db, (await firstRow(handle.db.select().from(t.users).where(eq(t.users.username, username))))!.id, 1))!;
const entries = (ids: number[], day = "2021-03-22") => ids.map((invitationId) => ({ invitationId, submittedOn: day }));
const essayOf = async (id: number) => await firstRow(handle.db.select().from(t.reflectionEssays).where(eq(t.reflectionEssays.invitationId, id)));

beforeAll(async () => {
  handle = await createDemoDb(NOW);
  const db = handle.db;
  const unit = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "529"))))!; // Sơn Hà
  const other = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "532"))))!; // Nghĩa Hành
  const body = (await firstRow(
    db
      .select()
      .from(t.bodies)
      .where(and(eq(t.bodies.unitId, unit.id), eq(t.bodies.kind, "propaganda"))),
  ))!;
  const campaignId = (await firstRow(db.select().from(t.campaigns)))!.id;
  conferenceId = (
    await returnedRow(
      writerForSetup(db)
        .insert(t.conferences)
        .values({
          campaignId,
          unitId: unit.id,
          bodyId: body.id,
          title: "Hội nghị bài thu hoạch",
          startsAt: START,
          endsAt: new Date(START.getTime() + 4 * 3_600_000),
          status: "held",
          graceMinutes: 15,
        })
        .returning(),
    )
  ).id;
  siteId = (
    await returnedRow(writerForSetup(db).insert(t.sites).values({ conferenceId, unitId: unit.id, isMain: true, venue: "Hội trường bài thu hoạch" }).returning())
  ).id;
  const person = async (fullName: string, unitId: number, externalCode: string | null = null) =>
    (
      await returnedRow(
        writerForSetup(db)
          .insert(t.people)
          .values({
            fullName,
            searchName: fullName.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase(),
            unitId,
            externalCode,
            workplace: unitId === unit.id ? "Đảng ủy xã Sơn Linh" : "Đảng ủy xã Hành Tín",
          })
          .returning(),
      )
    ).id;
  const people = [
    await person("Đinh Văn Thu Hoạch", unit.id, "SH-001"),
    await person("Phạm Thị Muộn", unit.id),
    await person("Lê Văn Được Mời", unit.id),
    await person("Trần Thị Ốm", unit.id),
    await person("Võ Văn Vắng", unit.id),
    await person("Bùi Văn Thu Hồi", unit.id),
    await person("Ngô Thị Khách", unit.id),
    await person("Đinh Văn Thu Hoạch", other.id),
  ];
  inv = await mapInOrder(
    people,
    async (personId, i) =>
      (
        await returnedRow(
          writerForSetup(db)
            .insert(t.invitations)
            .values({
              conferenceId,
              personId,
              bodyId: body.id,
              siteId,
              kind: i === 6 ? "walk_in" : "invited",
              status: i === 5 ? "revoked" : "issued",
              letterNumber: i === 6 ? null : "12-GM/BTGHU",
              substituteName: i === 2 ? "Lê Thị Đi Thay" : null,
            })
            .returning(),
        )
      ).id,
  );
  const keys = await ensureCampaignKeys(db, campaignId);
  tokens = inv.map((id) => signToken({ invitationId: id, conferenceId, tokenVersion: 1 }, keys.privateKey));
  await forEachInOrder(inv, async (id, i) => await writerForSetup(db).update(t.invitations).set({ token: tokens[i] }).where(eq(t.invitations.id, id)));
  for (const i of [0, 1, 2, 5, 6, 7]) {
    await writerForSetup(db)
      .insert(t.checkIns)
      .values({ invitationId: inv[i], conferenceId, siteId, scannedAt: START, receivedAt: START, method: i === 6 ? "walk_in" : "camera", isLate: i === 1 });
  }
  await writerForSetup(db).insert(t.absences).values({ invitationId: inv[3], reason: "illness", recordedAt: START });

  admin = await user("admin");
  viewer = await user("baocao.bato");
  otherOrganiser = await user("tochuc.bato");
  const add = async (username: string, role: t.Role, unitId: number, bodyId: number | null) =>
    await writerForSetup(db).insert(t.users).values({ username, passwordHash: "x", fullName: username, role, unitId, bodyId });
  await add("tochuc.sonha", "organizer", unit.id, body.id);
  await add("quantri.bato", "admin", (await firstRow(db.select().from(t.units).where(eq(t.units.code, "535"))))!.id, null);
  organiser = await user("tochuc.sonha");
  otherAdmin = await user("quantri.bato");
});
afterAll(() => handle.cleanup());

describe("recording essays", () => {
  it("records attendees in bulk (a substitute and a walk-in too), keeps an essay's day when marked again, and audits once per request", async () => {
    expect(await recordEssays(handle.db, organiser, { conferenceId, entries: entries([inv[0], inv[2], inv[6]]) }, AFTER)).toEqual({
      ok: true,
      conferenceId,
      changed: 3,
      unchanged: 0,
    });
    expect(await recordEssays(handle.db, organiser, { conferenceId, entries: entries([inv[0], inv[1]], "2021-03-24") }, AFTER)).toEqual({
      ok: true,
      conferenceId,
      changed: 1,
      unchanged: 1,
    });
    expect((await essayOf(inv[0]))!.submittedOn).toBe("2021-03-22");
    expect((await essayOf(inv[1]))!.submittedOn).toBe("2021-03-24");
    expect((await essayOf(inv[1]))!.recordedBy).toBe(organiser.id);
    const audit = await handle.db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, "record_essays"), eq(t.auditLog.entityId, String(conferenceId))));
    expect(audit).toHaveLength(2);
    expect(audit[1].after).toEqual({ count: 1, essays: [[inv[1], "2021-03-24"]] });
    expect(await essayCountsOfPart(handle.db, organiser, conferenceId)).toEqual({ present: 4, submitted: 3, walkIns: 1, walkInsSubmitted: 1 });
  });

  it("refuses invitees who did not attend, by name, and writes nothing", async () => {
    const result = await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[7], inv[3], inv[4], inv[5]]) }, AFTER);
    expect(result).toMatchObject({ ok: false, code: "notAttendee", count: 3 });
    expect(result.ok ? [] : "names" in result ? result.names : []).toEqual(expect.arrayContaining(["Trần Thị Ốm", "Võ Văn Vắng", "Bùi Văn Thu Hồi"]));
    expect(await essayOf(inv[7])).toBeUndefined();
  });

  it("takes a day from the conference's day to today (Vietnam), no other", async () => {
    expect(await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[7]], "2021-03-19") }, AFTER)).toEqual({
      ok: false,
      code: "dateBeforeConference",
      conferenceDate: "2021-03-20",
    });
    expect(await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[7]], "2021-03-26") }, AFTER)).toEqual({
      ok: false,
      code: "dateInFuture",
      today: "2021-03-25",
    });
    expect(await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[7]], "2021-03-20") }, AFTER)).toMatchObject({ ok: true, changed: 1 });
    await unrecordEssays(handle.db, admin, { conferenceId, invitationIds: [inv[7]] });
  });

  it("keeps to scope: viewers, another body's organiser, another district's admin get 'not found', and nothing changes", async () => {
    for (const who of [viewer, otherOrganiser, otherAdmin]) {
      expect(await recordEssays(handle.db, who, { conferenceId, entries: entries([inv[7]]) }, AFTER), who.username).toEqual({ ok: false, code: "notFound" });
      expect(await unrecordEssays(handle.db, who, { conferenceId, invitationIds: [inv[0]] }), who.username).toEqual({ ok: false, code: "notFound" });
      expect((await listEssays(handle.db, who, conferenceId, {})).total, who.username).toBe(0);
    }
    // An invitation of another conference, named with this one, is not found either.
    const elsewhere = (await firstRow(
      handle.db
        .select({ id: t.checkIns.invitationId })
        .from(t.checkIns)
        .where(eq(t.checkIns.siteId, (await firstRow(handle.db.select().from(t.sites).where(eq(t.sites.venue, "Hội trường Tỉnh ủy"))))!.id)),
    ))!.id;
    expect(await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[7], elsewhere]) }, AFTER)).toEqual({ ok: false, code: "notFound" });
    expect(await essayOf(inv[0])).toBeTruthy();
    expect(await essayOf(inv[7])).toBeUndefined();
  });

  it("unmarks in bulk, scope in the statement, with the days in the audit", async () => {
    expect(await unrecordEssays(handle.db, organiser, { conferenceId, invitationIds: [inv[1], inv[7]] })).toEqual({
      ok: true,
      conferenceId,
      changed: 1,
      unchanged: 1,
    });
    expect(await essayOf(inv[1])).toBeUndefined();
    const audit = (await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, "unrecord_essays"))).at(-1)!;
    expect(audit.before).toEqual({ count: 1, essays: [[inv[1], "2021-03-24"]] });
  });

  it("lists attendees only, filtered by essay state and searched without diacritics", async () => {
    const all = await listEssays(handle.db, admin, conferenceId, {});
    expect(all.lines.map((l) => l.invitationId).sort()).toEqual([inv[0], inv[1], inv[2], inv[6], inv[7]].sort());
    expect((await listEssays(handle.db, admin, conferenceId, { state: "submitted" })).lines.map((l) => l.invitationId).sort()).toEqual(
      [inv[0], inv[2], inv[6]].sort(),
    );
    expect((await listEssays(handle.db, admin, conferenceId, { state: "missing" })).lines.map((l) => l.invitationId).sort()).toEqual([inv[1], inv[7]].sort());
    const found = await listEssays(handle.db, admin, conferenceId, { search: "pham thi muon" });
    expect(found.lines.map((l) => l.name)).toEqual(["Phạm Thị Muộn"]);
    expect(all.lines.find((l) => l.invitationId === inv[6])!.walkIn).toBe(true);
  });

  it("undoing a check-in removes its essay (only attendees hand one in)", async () => {
    await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[1]]) }, AFTER);
    expect(await undoCheckIn(handle.db, admin.id, siteId, inv[1], "Quét nhầm")).toBe(true);
    expect(await essayOf(inv[1])).toBeUndefined();
    const audit = (await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, "undo_check_in"))).at(-1)!;
    expect((audit.before as { essay?: { submittedOn: string } }).essay?.submittedOn).toBe("2021-03-22");
    await writerForSetup(handle.db)
      .insert(t.checkIns)
      .values({ invitationId: inv[1], conferenceId, siteId, scannedAt: START, receivedAt: START, method: "camera", isLate: true });
  });

  it("refuses a cancelled conference", async () => {
    await writerForSetup(handle.db).update(t.conferences).set({ status: "cancelled", cancelReason: "Thử hủy" }).where(eq(t.conferences.id, conferenceId));
    try {
      expect(await recordEssays(handle.db, admin, { conferenceId, entries: entries([inv[1]]) }, AFTER)).toEqual({ ok: false, code: "cancelled" });
    } finally {
      await writerForSetup(handle.db).update(t.conferences).set({ status: "held", cancelReason: null }).where(eq(t.conferences.id, conferenceId));
    }
  });
});

describe("importing a list", () => {
  const plan = async (text: string, who: SessionUser = admin) => {
    const read = await readEssayText(text);
    if (!read.ok) throw new Error(read.code);
    const result = await planEssayImport(handle.db, who, conferenceId, read.list, "2021-03-23", AFTER);
    if (!result.ok) throw new Error(result.code);
    return result;
  };

  it("matches by name (with the unit for namesakes), QR code and person code, and says why a line is not recorded", async () => {
    const result = await plan(
      [
        "Họ và tên\tĐơn vị\tMã QR\tNgày nộp",
        "Dinh Van Thu Hoach\tNghĩa Hành\t\t31/03/2021",
        "Đinh Văn Thu Hoạch\t\t\t",
        `\t\t${tokens[1].toLowerCase()}\t24/03/2021`,
        "Trần Thị Ốm\t\t\t",
        "Người Không Có\t\t\t",
        "Lê Thị Đi Thay\t\t\t",
        "Bùi Văn Thu Hồi\t\t\t",
        "phạm thị muộn\t\t\t",
        "Ngô Thị Khách\tSơn Hà\t\t",
      ].join("\n"),
    );
    expect(result.lines.map((l) => [l.line, l.status, l.name ?? null, l.submittedOn ?? null])).toEqual([
      [2, "badDate", "Đinh Văn Thu Hoạch", "2021-03-31"],
      [3, "ambiguous", null, null],
      [4, "new", "Phạm Thị Muộn", "2021-03-24"],
      [5, "notAttendee", "Trần Thị Ốm", null],
      [6, "notFound", null, null],
      [7, "already", "Lê Văn Được Mời", "2021-03-22"],
      [8, "notAttendee", "Bùi Văn Thu Hồi", null],
      [9, "duplicate", "Phạm Thị Muộn", null],
      [10, "already", "Ngô Thị Khách", "2021-03-22"],
    ]);
    expect(result.lines[0].dateProblem).toBe("future");
    expect(result.lines[1].candidates).toBe(2);
    expect(result.counts).toMatchObject({ new: 1, already: 2, notAttendee: 2, notFound: 1, ambiguous: 1, duplicate: 1, badDate: 1 });
  });

  it("reads a list without a header, cell by cell, and a person code", async () => {
    // (The widest line first: a strict CSV reader takes the first line's width as the list's.)
    const result = await plan("Đinh Văn Thu Hoạch, Hành Tín\nsh-001\nNgô Thị Khách");
    expect(result.lines.map((l) => [l.status, l.invitationId])).toEqual([
      ["new", inv[7]],
      ["already", inv[0]],
      ["already", inv[6]],
    ]);
  });

  it("commits what the preview matched; the same list again changes nothing", async () => {
    const text = "Họ và tên;Đơn vị\nĐinh Văn Thu Hoạch;Nghĩa Hành\nPhạm Thị Muộn;\nNgô Thị Khách;";
    const first = await plan(text);
    const fresh = first.lines.filter((l) => l.status === "new").map((l) => ({ invitationId: l.invitationId!, submittedOn: l.submittedOn! }));
    expect(fresh).toHaveLength(2);
    expect(await recordEssays(handle.db, admin, { conferenceId, entries: fresh }, AFTER)).toEqual({ ok: true, conferenceId, changed: 2, unchanged: 0 });
    const before = await handle.db
      .select()
      .from(t.reflectionEssays)
      .where(eq(t.reflectionEssays.conferenceId, conferenceId))
      .orderBy(t.reflectionEssays.invitationId);
    const again = await plan(text);
    expect(again.lines.map((l) => l.status)).toEqual(["already", "already", "already"]);
    // Committing the first preview again (a double click) changes nothing either.
    expect(await recordEssays(handle.db, admin, { conferenceId, entries: fresh }, AFTER)).toEqual({ ok: true, conferenceId, changed: 0, unchanged: 2 });
    expect(
      await handle.db.select().from(t.reflectionEssays).where(eq(t.reflectionEssays.conferenceId, conferenceId)).orderBy(t.reflectionEssays.invitationId),
    ).toEqual(before);
  });

  it("reads an XLSX file by its headers, and names nobody outside the user's scope", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["STT", "HỌ VÀ TÊN", "Mã"]);
    sheet.addRow([1, "Phạm Thị Muộn", ""]);
    sheet.addRow([2, "", "SH-001"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readEssayFile("danh-sach.xlsx", bytes);
    expect(read.ok && read.list.columns).toEqual({ fullName: 1, code: 2 });
    const result = read.ok ? await planEssayImport(handle.db, admin, conferenceId, read.list, "2021-03-23", AFTER) : null;
    expect(result?.ok && result.lines.map((l) => [l.line, l.status])).toEqual([
      [2, "already"],
      [3, "already"],
    ]);
    expect(read.ok && (await planEssayImport(handle.db, otherOrganiser, conferenceId, read.list, "2021-03-23", AFTER))).toEqual({
      ok: false,
      code: "notFound",
    });
  });

  it("refuses a broken or empty list with a reason", async () => {
    expect(await readEssayText("   \n ")).toEqual({ ok: false, code: "noList" });
    expect(await readEssayText('Họ và tên\n"Nguyễn Văn An')).toMatchObject({ ok: false, code: "csvUnclosedQuote", values: { line: 2 } });
    expect(await readEssayFile("danh-sach.pdf", new Uint8Array([1, 2, 3]))).toEqual({ ok: false, code: "unsupported" });
  });
});

describe("the forms' input", () => {
  it("reads days as dd/MM/yyyy and gives each bad input its message key", async () => {
    const { markEssaysSchema, commitEssayImportSchema, essayImportSchema, parseEssayFilter } = await import("@/lib/schemas/essays");
    expect(markEssaysSchema.parse({ conferenceId: "7", invitationIds: ["3", "3", "4"], date: " 5/3/2021 " })).toEqual({
      conferenceId: 7,
      invitationIds: [3, 4],
      date: "2021-03-05",
    });
    const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0].message;
    expect(issue(markEssaysSchema.safeParse({ conferenceId: "7", invitationIds: [], date: "05/03/2021" }))).toBe("noneSelected");
    expect(issue(markEssaysSchema.safeParse({ conferenceId: "7", invitationIds: ["x"], date: "05/03/2021" }))).toBe("invalid");
    expect(issue(markEssaysSchema.safeParse({ conferenceId: "7", invitationIds: ["3"], date: "31/02/2021" }))).toBe("dateFormat");
    expect(issue(markEssaysSchema.safeParse({ conferenceId: "7", invitationIds: ["3"], date: "" }))).toBe("dateRequired");
    expect(issue(essayImportSchema.safeParse({ conferenceId: "7", text: "x".repeat(250_001), date: "05/03/2021" }))).toBe("pasteTooLong");
    expect(commitEssayImportSchema.parse({ conferenceId: "7", entries: "3:2021-03-05,4:2021-03-06" }).entries).toEqual([
      { invitationId: 3, submittedOn: "2021-03-05" },
      { invitationId: 4, submittedOn: "2021-03-06" },
    ]);
    expect(issue(commitEssayImportSchema.safeParse({ conferenceId: "7", entries: "3:2021-02-30" }))).toBe("invalid");
    expect(issue(commitEssayImportSchema.safeParse({ conferenceId: "7", entries: "" }))).toBe("nothingToImport");
    expect(issue(commitEssayImportSchema.safeParse({ conferenceId: "7" }))).toBe("nothingToImport");
    expect(parseEssayFilter({ state: "bogus", q: ["nguyen", "x"], page: "-1" })).toEqual({ q: "nguyen" });
  });
});
