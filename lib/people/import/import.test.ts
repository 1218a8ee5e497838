import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { listPeople } from "@/lib/people/people";
import { commitBatch, uploadBatch } from "./import-people";
import { defaultMapping, mapRows } from "./map-rows";
import { parseCsv, parseFile } from "./parse-file";

const csv = (text: string, bom = true) => new TextEncoder().encode(`${bom ? "\uFEFF" : ""}${text}`);
const SAMPLE = [
  "Họ và tên,Chức vụ,Đơn vị,Số điện thoại,Đảng viên,Mã",
  "Nguyễn Văn Ấn,Bí thư Chi bộ,Thôn Gò Khế,0905 123 456,x,IMP-1",
  '"Trần Thị Bích, Ngọc",Giáo viên,"Trường TH ""Ba Động""",+84 914 000 111,,IMP-2',
  ",Chuyên viên,UBND xã,0905000000,x,IMP-3",
  "Lê Văn Cường,Trưởng thôn,Thôn 1,12345,x,IMP-4",
  "Phạm Văn Dũng,Công nhân,Công ty A,0935000222,,IMP-1",
].join("\r\n");

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let organizer: SessionUser;
beforeAll(async () => {
  handle = await createDemoDb();
  const row = handle.db.select().from(users).where(eq(users.username, "tochuc.bato")).get()!;
  organizer = loadSessionUser(handle.db, row.id, row.sessionVersion)!;
});
afterAll(() => handle.cleanup());

describe("reading files", () => {
  it("reads CSV with quotes, doubled quotes, CRLF and a BOM", async () => {
    const parsed = await parseFile("ds.csv", csv(SAMPLE));
    expect(parsed.ok && parsed.headers).toEqual(["Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại", "Đảng viên", "Mã"]);
    expect(parsed.ok && parsed.rows[1][0]).toBe("Trần Thị Bích, Ngọc");
    expect(parsed.ok && parsed.rows[1][2]).toBe('Trường TH "Ba Động"');
    expect((await parseFile("ds.csv", csv(SAMPLE, false))).ok).toBe(true);
  });

  it("reads semicolon CSV and UTF-16 with BOM", async () => {
    expect(parseCsv("a;b\n1;2")).toEqual([["a", "b"], ["1", "2"]]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Họ và tên\tChức vụ\nAn\tX", "utf16le")]);
    const parsed = await parseFile("ds.txt", utf16);
    expect(parsed.ok && parsed.rows).toEqual([["An", "X"]]);
  });

  it("refuses mis-encoded, empty, truncated and unknown files with a reason", async () => {
    const windows1258 = Uint8Array.from([0x48, 0xe1, 0x20, 0x4e, 0xd2, 0x69, 0x0a]); // not valid UTF-8
    expect(await parseFile("ds.csv", windows1258)).toEqual({ ok: false, code: "notUtf8" });
    expect(await parseFile("ds.csv", new Uint8Array())).toEqual({ ok: false, code: "empty" });
    expect(await parseFile("ds.xlsx", Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]))).toEqual({ ok: false, code: "badXlsx" });
    expect(await parseFile("ds.pdf", csv("x"))).toEqual({ ok: false, code: "unsupported" });
  });

  it("reads the first sheet of an XLSX", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["Họ tên", "SĐT"]);
    sheet.addRow(["Võ Thị Hạnh", "0905111222"]);
    const parsed = await parseFile("ds.xlsx", new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(parsed.ok && parsed.rows).toEqual([["Võ Thị Hạnh", "0905111222"]]);
  });
});

describe("mapping and checking rows", () => {
  it("maps Vietnamese headers without regard to accents or case", () => {
    const mapping = defaultMapping(["HO VA TEN", "Chức vụ", "Đơn vị", "Số điện thoại", "Đảng viên", "Mã"]);
    expect(mapping).toMatchObject({ fullName: 0, position: 1, workplace: 2, phone: 3, isPartyMember: 4, externalCode: 5, email: -1 });
  });

  it("lists exactly the bad rows: missing name, bad phone, duplicate code", async () => {
    const parsed = await parseFile("ds.csv", csv(SAMPLE));
    if (!parsed.ok) throw new Error("parse");
    const { valid, errors } = mapRows(parsed.rows, defaultMapping(parsed.headers));
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [4, "nameMissing"],
      [5, "phoneInvalid"],
      [6, "codeDuplicate"],
    ]);
    expect(valid.map((v) => [v.fullName, v.phone, v.isPartyMember])).toEqual([
      ["Nguyễn Văn Ấn", "0905123456", true],
      ["Trần Thị Bích, Ngọc", "0914000111", false],
    ]);
  });
});

describe("import", () => {
  it("writes valid rows in one transaction, updates by code, and makes them searchable without diacritics", async () => {
    const unitId = handle.db.select().from(units).where(eq(units.code, "535")).get()!.id;
    const upload = await uploadBatch(handle.db, organizer, unitId, "ds.csv", csv(SAMPLE));
    if (!upload.ok) throw new Error(upload.code);
    expect(upload.preview).toMatchObject({ total: 5, valid: 2, errorCount: 3 });
    expect(commitBatch(handle.db, organizer, upload.batchId, upload.mapping)).toEqual({ ok: true, inserted: 2, updated: 0, skipped: 3 });
    expect(listPeople(handle.db, organizer, { q: "nguyen van an" }).rows.map((p) => p.fullName)).toContain("Nguyễn Văn Ấn");
    expect(listPeople(handle.db, organizer, { q: "0905123456" }).rows.map((p) => p.fullName)).toEqual(["Nguyễn Văn Ấn"]);

    const again = await uploadBatch(handle.db, organizer, unitId, "ds2.csv", csv("Họ và tên,Mã,Chức vụ\nNguyễn Văn Ấn,IMP-1,Phó Bí thư"));
    if (!again.ok) throw new Error(again.code);
    expect(again.mapping.externalCode).toBe(1);
    expect(commitBatch(handle.db, organizer, again.batchId, again.mapping)).toMatchObject({ ok: true, inserted: 0, updated: 1 });
    expect(handle.db.select().from(people).where(eq(people.externalCode, "IMP-1")).get()!.position).toBe("Phó Bí thư");
  });

  it("refuses another user's batch and a unit outside the user's scope", async () => {
    const lySon = handle.db.select().from(units).where(eq(units.code, "536")).get()!.id;
    expect(await uploadBatch(handle.db, organizer, lySon, "ds.csv", csv(SAMPLE))).toEqual({ ok: false, code: "unitRequired" });
    const admin = handle.db.select().from(users).where(eq(users.username, "admin")).get()!;
    const upload = await uploadBatch(handle.db, loadSessionUser(handle.db, admin.id, admin.sessionVersion)!, lySon, "ds.csv", csv(SAMPLE));
    if (!upload.ok) throw new Error(upload.code);
    expect(commitBatch(handle.db, organizer, upload.batchId, upload.mapping)).toEqual({ ok: false, code: "notFound" });
  });
});
