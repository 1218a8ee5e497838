import { firstRow, writerForSetup } from "@/db/client";
/**
 * Decomposed (NFD) text, as macOS exports it, through the real schemas and save
 * functions: what is stored is NFC, and searching in either form finds it.
 */
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absences, campaigns, checkIns, conferences, invitations, people, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { registerWalkIn, recordSubstitute } from "@/lib/checkin/door-actions";
import { saveSite } from "@/lib/conferences/manage-sites";
import { cancelConference, saveConference } from "@/lib/conferences/save-conference";
import { setSubstitute } from "@/lib/invitations/manage-invitations";
import { commitBatch, uploadBatch } from "@/lib/people/import/import-people";
import { listPeople, savePerson } from "@/lib/people/people";
import { recordAbsence } from "@/lib/reports/record-absence";
import { walkInRequestSchema, substituteRequestSchema } from "@/lib/schemas/checkin";
import { cancelConferenceSchema, conferenceFormSchema, siteFormSchema } from "@/lib/schemas/conferences";
import { substituteSchema } from "@/lib/schemas/invitations";
import { peopleQuerySchema, personFormSchema } from "@/lib/schemas/people";
import { absenceFormSchema } from "@/lib/schemas/reports";
import { createUserSchema } from "@/lib/schemas/users";
import { createDemoDb } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/manage-users";
import { trimmedText } from "./text";

const nfd = (s: string) => s.normalize("NFD");
const isNfc = (s: string | null) => s === null || s === s.normalize("NFC");

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let admin: SessionUser;
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;

beforeAll(async () => {
  handle = await createDemoDb();
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  admin = (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
});
afterAll(() => handle.cleanup());

describe("trimmedText", () => {
  it("trims and composes before the length checks", () => {
    const name = trimmedText().min(2).max(4);
    expect(nfd("Trần")).toHaveLength(6);
    expect(name.parse(`  ${nfd("Trần")} `)).toBe("Trần");
  });
});

describe("NFD input is stored NFC", () => {
  it("people: the form, and search finds them in either form", async () => {
    const input = personFormSchema.parse({
      fullName: nfd("Nguyễn Thị Ánh Tuyết"),
      position: nfd("Bí thư Chi bộ"),
      workplace: nfd("Thôn Gò Khế"),
      unitId: String(await unitId("535")),
      category: nfd("cán bộ"),
      isPartyMember: "1",
      phone: "",
      email: "",
      externalCode: nfd("MÃ-1"),
    });
    const saved = await savePerson(handle.db, admin, input);
    expect(saved.ok).toBe(true);
    const row = (await firstRow(
      handle.db
        .select()
        .from(people)
        .where(eq(people.id, (saved as { id: number }).id)),
    ))!;
    expect(row).toMatchObject({
      fullName: "Nguyễn Thị Ánh Tuyết",
      position: "Bí thư Chi bộ",
      workplace: "Thôn Gò Khế",
      category: "cán bộ",
      externalCode: "MÃ-1",
      searchName: "nguyen thi anh tuyet",
    });
    for (const q of ["Ánh Tuyết", nfd("Ánh Tuyết")]) {
      expect((await listPeople(handle.db, admin, { ...peopleQuerySchema.parse({ q }), page: 1 })).rows.map((p) => p.id)).toContain(row.id);
    }
  });

  it("conferences, their main site, other sites and the cancel reason", async () => {
    const campaignId = (await firstRow(handle.db.select().from(campaigns)))!.id;
    const unit535 = await unitId("535");
    const bodyId = (await handle.db.query.bodies.findFirst({ where: (b, { and: a, eq: e }) => a(e(b.unitId, unit535), e(b.kind, "propaganda")) }))!.id;
    const form = conferenceFormSchema.parse({
      campaignId: String(campaignId),
      bodyId: String(bodyId),
      title: nfd("Hội nghị học tập Nghị quyết Đại hội"),
      agenda: nfd("Quán triệt những điểm mới"),
      audience: nfd("Cán bộ chủ chốt"),
      chair: nfd("Đồng chí Bí thư"),
      contact: nfd("Văn phòng Huyện ủy"),
      startDate: "16/03/2021",
      startTime: "7h30",
      endDate: "16/03/2021",
      endTime: "11:30",
      graceMinutes: "15",
      status: "scheduled",
      venue: nfd("Hội trường Huyện ủy"),
      address: nfd("Thị trấn Ba Tơ"),
      capacity: "",
    });
    const saved = await saveConference(handle.db, admin, form);
    expect(saved.ok).toBe(true);
    const id = (saved as { id: number }).id;
    expect(await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, id)))).toMatchObject({
      title: "Hội nghị học tập Nghị quyết Đại hội",
      agenda: "Quán triệt những điểm mới",
      audience: "Cán bộ chủ chốt",
      chair: "Đồng chí Bí thư",
      contact: "Văn phòng Huyện ủy",
    });
    expect(await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, id)))).toMatchObject({
      venue: "Hội trường Huyện ủy",
      address: "Thị trấn Ba Tơ",
    });

    const site = siteFormSchema.parse({
      conferenceId: String(id),
      siteId: "",
      unitId: String(await unitId("535")),
      venue: nfd("Nhà văn hóa xã Ba Động"),
      address: nfd("Thôn Làng Mâm"),
      capacity: "",
      staffIds: [],
    });
    expect((await saveSite(handle.db, admin, site)).ok).toBe(true);
    expect(
      await firstRow(
        handle.db
          .select()
          .from(sites)
          .where(and(eq(sites.conferenceId, id), eq(sites.isMain, false))),
      ),
    ).toMatchObject({ venue: "Nhà văn hóa xã Ba Động", address: "Thôn Làng Mâm" });

    const cancel = cancelConferenceSchema.parse({ conferenceId: String(id), reason: nfd("Trùng lịch họp đột xuất") });
    expect((await cancelConference(handle.db, admin, cancel.conferenceId, cancel.reason)).ok).toBe(true);
    expect((await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, id))))!.cancelReason).toBe("Trùng lịch họp đột xuất");
  });

  it("users' full names", async () => {
    const input = createUserSchema.parse({
      username: "nfd.test",
      fullName: nfd("Huỳnh Ngọc Phượng"),
      role: "viewer",
      unitId: String(await unitId("535")),
      bodyId: "",
      password: "mat-khau-du-dai",
    });
    expect(await createUser(handle.db, admin, input)).toEqual({ ok: true });
    expect((await firstRow(handle.db.select().from(users).where(eq(users.username, "nfd.test"))))!.fullName).toBe("Huỳnh Ngọc Phượng");
  });

  it("the door: substitutes and walk-ins; the office: substitutes and absence notes", async () => {
    const invitation = (await firstRow(
      handle.db
        .select({ id: invitations.id, siteId: invitations.siteId, conferenceId: invitations.conferenceId })
        .from(invitations)
        .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
        .where(and(eq(invitations.kind, "invited"), eq(invitations.status, "issued"), isNull(checkIns.id))),
    ))!;
    const door = substituteRequestSchema.parse({
      siteId: invitation.siteId,
      invitationId: invitation.id,
      name: nfd("Đặng Văn Lực"),
      position: nfd("Phó Bí thư"),
    });
    expect(await recordSubstitute(writerForSetup(handle.db), admin.id, door.siteId, door.invitationId, door.name, door.position)).toBe(true);
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, invitation.id)))).toMatchObject({
      substituteName: "Đặng Văn Lực",
      substitutePosition: "Phó Bí thư",
    });

    const office = substituteSchema.parse({
      conferenceId: String(invitation.conferenceId),
      invitationId: String(invitation.id),
      name: nfd("Võ Thị Sáu"),
      position: nfd("Ủy viên"),
    });
    expect((await setSubstitute(handle.db, admin, office.conferenceId, office.invitationId, office.name, office.position)).ok).toBe(true);
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, invitation.id)))).toMatchObject({
      substituteName: "Võ Thị Sáu",
      substitutePosition: "Ủy viên",
    });

    const absence = absenceFormSchema.parse({ invitationId: String(invitation.id), reason: "illness", note: nfd("Ốm, có giấy của trạm y tế") });
    expect((await recordAbsence(handle.db, admin, absence)).ok).toBe(true);
    expect((await firstRow(handle.db.select().from(absences).where(eq(absences.invitationId, invitation.id))))!.note).toBe("Ốm, có giấy của trạm y tế");

    const walkIn = walkInRequestSchema.parse({
      siteId: invitation.siteId,
      fullName: nfd("Lương Thế Vinh"),
      position: nfd("Trưởng thôn"),
      workplace: nfd("Thôn Đồng Răm"),
      deviceId: "may-nfd",
      nonce: "nfd-walk-in-1",
      scannedAt: Date.now(),
    });
    const { invitationId } = await registerWalkIn(handle.db, admin.id, walkIn);
    const person = (await firstRow(
      handle.db.select().from(people).innerJoin(invitations, eq(invitations.personId, people.id)).where(eq(invitations.id, invitationId)),
    ))!.people;
    expect(person).toMatchObject({ fullName: "Lương Thế Vinh", position: "Trưởng thôn", workplace: "Thôn Đồng Răm", searchName: "luong the vinh" });
  });

  it("imported files", async () => {
    const file = nfd("Họ và tên,Chức vụ,Đơn vị,Thành phần,Mã\nPhạm Thị Ngọc Hân,Hiệu trưởng,Trường THCS Ba Tơ,giáo viên,NFD-Ư1\n");
    const upload = await uploadBatch(writerForSetup(handle.db), admin, await unitId("535"), "danh-sach.csv", new TextEncoder().encode(file));
    expect(upload.ok).toBe(true);
    const { batchId, mapping } = upload as Extract<typeof upload, { ok: true }>;
    expect(mapping.fullName).toBe(0);
    expect(await commitBatch(handle.db, admin, batchId, mapping)).toMatchObject({ ok: true, inserted: 1 });
    const row = (await firstRow(handle.db.select().from(people).where(eq(people.externalCode, "NFD-Ư1"))))!;
    expect(row).toMatchObject({
      fullName: "Phạm Thị Ngọc Hân",
      position: "Hiệu trưởng",
      workplace: "Trường THCS Ba Tơ",
      category: "giáo viên",
      searchName: "pham thi ngoc han",
    });
  });

  it("leaves nothing decomposed behind", async () => {
    const stored = await handle.db.select({ fullName: people.fullName, position: people.position, workplace: people.workplace }).from(people);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored.filter((p) => !isNfc(p.fullName) || !isNfc(p.position) || !isNfc(p.workplace))).toEqual([]);
  });
});
