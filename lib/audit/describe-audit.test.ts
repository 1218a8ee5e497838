import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, conferences, invitations, people, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { MESSAGES } from "@/lib/i18n/messages";
import { addInvitees, issueInvitations, revokeInvitation } from "@/lib/invitations/manage-invitations";
import { mergePeople } from "@/lib/people/merge-people";
import { savePerson } from "@/lib/people/people";
import { createDemoDb, watchStatements } from "@/lib/testing/test-db";
import { foldForSearch } from "@/lib/text/fold";
import { actionLabel, describeAuditEntries, type AuditTranslator } from "./describe-audit";
import { auditChoices, auditFilterSchema, searchAudit } from "./search-audit";

/** The Vietnamese messages as a translator: dotted keys, {name} placeholders (what this module's messages use). */
function translator(messages: unknown): AuditTranslator {
  const find = (key: string) =>
    key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages);
  const t = ((key: string, values: Record<string, string | number> = {}) => {
    const found = find(key);
    if (typeof found !== "string") throw new Error(`no message ${key}`);
    return found.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
  }) as AuditTranslator;
  t.has = (key) => typeof find(key) === "string";
  return t;
}
const t = translator(MESSAGES.vi);

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const as = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const admin = async () => await as("admin");

beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

const latest = async (n = 20) => {
  const { rows } = await searchAudit(handle.db, auditFilterSchema.parse({}), await admin());
  return await describeAuditEntries(handle.db, rows.slice(0, n), t);
};

describe("the audit log in words", () => {
  it("names actions in Vietnamese, and never shows a raw code for one it does not know", () => {
    expect(actionLabel("conference", "issue_invitations", t)).toBe("Phát hành giấy mời");
    expect(actionLabel("invitation", "revoke", t)).toBe("Thu hồi giấy mời");
    expect(actionLabel("person", "merge", t)).toBe("Gộp hồ sơ trùng");
    expect(actionLabel("site", "archive", t)).toBe("Thay đổi điểm cầu");
    expect(actionLabel("widget", "frobnicate", t)).toBe("Thay đổi dữ liệu");
    expect(actionLabel("widget", "create", t)).toBe("Tạo dữ liệu");
  });

  it("shows an invitation by the person's name and the conference, with its page, and the reason of a revoke", async () => {
    const organizer = await as("tochuc.bato");
    const conference = (await firstRow(
      handle.db
        .select()
        .from(conferences)
        .where(eq(conferences.unitId, await unitId("535"))),
    ))!;
    const inv = (await firstRow(handle.db.select().from(invitations).where(eq(invitations.conferenceId, conference.id))))!;
    const person = (await firstRow(handle.db.select().from(people).where(eq(people.id, inv.personId))))!;
    if (inv.status !== "issued") throw new Error("the demo's invitation is not issued");
    expect((await revokeInvitation(handle.db, { ...organizer, role: "admin", scopeUnitIds: "all" }, conference.id, inv.id, "Đồng chí đã nghỉ hưu")).ok).toBe(
      true,
    );
    const [entry] = await latest(1);
    expect(entry.actionLabel).toBe("Thu hồi giấy mời");
    expect(entry.object).toEqual({
      label: `Giấy mời của ${person.fullName} — ${conference.title}`,
      href: `/conferences/${conference.id}/invitations?q=${encodeURIComponent(person.fullName)}`,
    });
    expect(entry.changes).toEqual([
      { label: "Trạng thái", before: "Đã phát hành", after: "Đã thu hồi" },
      { label: "Lý do", before: null, after: "Đồng chí đã nghỉ hưu" },
    ]);
  });

  it("shows a person's changed fields with unit names, not ids, and skips what did not change", async () => {
    const organizer = await as("tochuc.bato");
    const saved = await savePerson(handle.db, organizer, {
      fullName: "Lương Văn Chuyển",
      position: "Chuyên viên",
      workplace: "",
      unitId: await unitId("535"),
      category: "",
      isPartyMember: true,
      phone: null,
      email: null,
      externalCode: null,
    });
    if (!saved.ok) throw new Error("not saved");
    await savePerson(
      handle.db,
      { ...organizer, scopeUnitIds: "all" },
      {
        personId: saved.id,
        fullName: "Lương Văn Chuyển",
        position: "Phó Trưởng phòng",
        workplace: "",
        unitId: await unitId("536"),
        category: "",
        isPartyMember: true,
        phone: null,
        email: null,
        externalCode: null,
      },
    );
    const [update, create] = await latest(2);
    expect(update.actionLabel).toBe("Sửa thông tin đại biểu");
    expect(update.object).toEqual({ label: "Lương Văn Chuyển", href: `/people/${saved.id}` });
    expect(update.changes).toEqual([
      { label: "Chức vụ", before: "Chuyên viên", after: "Phó Trưởng phòng" },
      { label: "Đơn vị", before: "Huyện Ba Tơ", after: "Huyện Lý Sơn" },
    ]);
    expect(create.actionLabel).toBe("Thêm người vào danh bạ");
    expect(create.changes.map((c) => c.label)).toEqual(["Họ và tên", "Chức vụ", "Đơn vị", "Đảng viên"]);
    expect(JSON.stringify([update, create])).not.toMatch(/unitId|searchName|"\d+"/);
  });

  it("describes issuing letters and a merge, which can be undone from the log", async () => {
    const organizer = await as("tochuc.bato");
    const conference = (
      await handle.db
        .select()
        .from(conferences)
        .where(eq(conferences.unitId, await unitId("535")))
    )[1];
    const a = await returnedRow(
      writerForSetup(handle.db)
        .insert(people)
        .values({
          fullName: "Tạ Văn Nhật Ký",
          searchName: foldForSearch("Tạ Văn Nhật Ký"),
          unitId: await unitId("535"),
          phone: "0913000001",
          position: "Chủ tịch Ủy ban MTTQ",
        })
        .returning(),
    );
    const b = await returnedRow(
      writerForSetup(handle.db)
        .insert(people)
        .values({ fullName: "Tạ Văn Nhật Ký", searchName: foldForSearch("Tạ Văn Nhật Ký"), unitId: await unitId("535"), phone: "0913000001" })
        .returning(),
    );
    const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, conference.id))))!;
    const rootAdmin = await admin();
    expect((await addInvitees(handle.db, rootAdmin, conference.id, [a.id], site.id)).ok).toBe(true);
    expect((await issueInvitations(handle.db, rootAdmin, conference.id)).ok).toBe(true);
    const merge = await mergePeople(handle.db, organizer, a.id, b.id);
    if (!merge.ok) throw new Error("merge refused");
    const [merged, issued] = await latest(2);
    expect(issued.actionLabel).toBe("Phát hành giấy mời");
    expect(issued.object).toEqual({ label: conference.title, href: `/conferences/${conference.id}` });
    expect(issued.changes[0]).toMatchObject({ label: "Số đại biểu", after: "1" });
    expect(merged.actionLabel).toBe("Gộp hồ sơ trùng");
    expect(merged.object).toEqual({ label: "Tạ Văn Nhật Ký", href: `/people/${b.id}` });
    expect(merged.changes[0]).toEqual({
      label: "Hồ sơ được gộp vào (nay ẩn)",
      before: "Tạ Văn Nhật Ký, Chủ tịch Ủy ban MTTQ, Huyện Ba Tơ, 0913000001",
      after: null,
    });
    expect(merged.changes[1]).toEqual({ label: "Giấy mời chuyển sang", before: null, after: conference.title });
    expect(merged.merge).toEqual({ id: merge.mergeId, undone: false, mergedName: "Tạ Văn Nhật Ký" });
  });

  it("resolves the names of a page in one query per kind of object, not one per entry", async () => {
    const { rows } = await searchAudit(handle.db, auditFilterSchema.parse({}), await admin());
    const watch = watchStatements(handle.db);
    try {
      const entries = await describeAuditEntries(handle.db, rows, t);
      expect(entries.length).toBe(rows.length);
    } finally {
      watch.stop();
    }
    const { statements } = watch;
    // invitations, sites, feeds, people, conferences, units, bodies, users, campaigns, requirements, templates, merges, two kinds.
    expect(statements.length).toBeGreaterThan(3);
    expect(statements.length).toBeLessThanOrEqual(14);
  });

  it("offers filters in the same words, and finds entries by a person's name", async () => {
    const choices = await auditChoices(handle.db);
    const labels = choices.actions.map((a) => actionLabel(a.entity, a.action, t));
    expect(labels).toContain("Gộp hồ sơ trùng");
    expect(labels.every((l) => !/_/.test(l))).toBe(true);
    const merges = (await searchAudit(handle.db, auditFilterSchema.parse({ action: "person.merge" }), await admin())).rows;
    expect(merges.length).toBeGreaterThan(0);
    expect(merges.every((r) => r.entity === "person" && r.action === "merge")).toBe(true);
    const byName = (await searchAudit(handle.db, auditFilterSchema.parse({ q: "ta van nhat ky" }), await admin())).rows;
    expect(byName.map((r) => r.action)).toContain("merge");
    // Nothing stored holds the words "ta van nhat ky": the match is the person's name.
    expect((await handle.db.select().from(auditLog)).some((r) => JSON.stringify(r.after ?? "").includes("ta van nhat ky"))).toBe(false);
  });
});
