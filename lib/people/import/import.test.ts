import { databaseEngine } from "@/db/engine";
import { refuseInserts } from "@/lib/testing/fault-trigger";
import { firstRow, transaction, writerForSetup } from "@/db/client";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSettings, auditLog, importBatches, people, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { listPeople } from "@/lib/people/people";
import { COMMIT_CHUNK_ROWS, commitBatch, uploadBatch } from "./import-people";
import { defaultMapping, mapRows } from "./map-rows";
import { guessDelimiter, parseCsv, parseFile } from "./parse-file";

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
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "tochuc.bato"))))!;
  organizer = (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
});
afterAll(() => handle.cleanup());

describe("reading files", () => {
  it("reads the sample files the import page offers, CSV and Excel alike: every column recognised, every row valid", async () => {
    for (const name of ["danh-sach-dai-bieu-mau.csv", "danh-sach-dai-bieu-mau.xlsx"]) {
      const parsed = await parseFile(name, fs.readFileSync(path.join("public", "samples", name)));
      expect(parsed.ok, name).toBe(true);
      if (!parsed.ok) continue;
      const mapping = defaultMapping(parsed.headers);
      expect(
        Object.entries(mapping).filter(([, column]) => column < 0),
        name,
      ).toEqual([]);
      const { valid, errors } = mapRows(parsed.rows, mapping);
      expect(errors, name).toEqual([]);
      expect(
        valid.map((r) => [r.fullName, r.position, r.workplace, r.phone, r.isPartyMember, r.externalCode]),
        name,
      ).toEqual([
        ["Nguyễn Văn An", "Chủ tịch", "UBND xã Ba Động", "0905123456", true, "BT-0001"],
        ["Trần Thị Bình", "Hiệu trưởng", "Trường THCS Ba Thành", "0914234567", true, "BT-0002"],
        ["Phạm Minh Cường", "Phóng viên", "Đài Truyền thanh - Truyền hình huyện Ba Tơ", null, false, "BT-0003"],
        ["Đinh Thị Hoa", "Giáo viên", "Trường Tiểu học Ba Vinh", "0988345678", false, null],
      ]);
    }
  });

  it("reads CSV with quotes, doubled quotes, CRLF and a BOM", async () => {
    const parsed = await parseFile("ds.csv", csv(SAMPLE));
    expect(parsed.ok && parsed.headers).toEqual(["Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại", "Đảng viên", "Mã"]);
    expect(parsed.ok && parsed.rows[1][0]).toBe("Trần Thị Bích, Ngọc");
    expect(parsed.ok && parsed.rows[1][2]).toBe('Trường TH "Ba Động"');
    expect((await parseFile("ds.csv", csv(SAMPLE, false))).ok).toBe(true);
  });

  it("reads semicolon CSV and UTF-16 with BOM", async () => {
    expect(await parseCsv("a;b\n1;2")).toEqual({
      ok: true,
      rows: [
        ["a", "b"],
        ["1", "2"],
      ],
    });
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

  it("refuses a CSV that does not parse, with the line where it breaks", async () => {
    // An unclosed quote used to swallow the rest of the file into one cell ("1 dòng hợp lệ").
    const unclosed = 'Họ và tên,Chức vụ\nNguyễn Văn An,Bí thư\n"Trần Thị Bình,Giáo viên\nLê Văn Cường,Trưởng thôn\nPhạm Văn Dũng,Công nhân';
    expect(await parseFile("ds.csv", csv(unclosed))).toEqual({ ok: false, code: "csvUnclosedQuote", values: { line: 3 } });
    expect(await parseFile("ds.csv", csv('Họ và tên,Chức vụ\nAn,"Bí thư\r\nChi bộ"\nTrường TH "Ba Động",X'))).toEqual({
      ok: false,
      code: "csvStrayQuote",
      values: { line: 4 },
    });
    expect(await parseFile("ds.csv", csv('Họ và tên,Chức vụ\n"An"x,Bí thư'))).toEqual({ ok: false, code: "csvStrayQuote", values: { line: 2 } });
    expect(await parseFile("ds.csv", csv("Họ và tên,Chức vụ\nAn,Bí thư\nTrần Thị Bích, Ngọc,Giáo viên"))).toEqual({
      ok: false,
      code: "csvTooManyColumns",
      values: { line: 3, count: 3, expected: 2 },
    });
    // A quoted line break is one cell; a trailing empty cell is not an extra column.
    const fine = await parseFile("ds.csv", csv('Họ và tên,Chức vụ\n"Võ Thị\nHạnh",Bí thư,\n"Hồ ""Văn"" Đức" ,X'));
    expect(fine.ok && fine.rows).toEqual([
      ["Võ Thị\nHạnh", "Bí thư", ""],
      ['Hồ "Văn" Đức', "X"],
    ]);
  });

  it("guesses the delimiter from several lines, not counting delimiters inside quotes", async () => {
    expect(guessDelimiter('"Họ, tên";"Chức vụ"\nAn;Bí thư\nBình;Giáo viên')).toBe(";");
    expect(guessDelimiter("Mã;Tên, họ, đệm\n1;Nguyễn Văn An\n2;Trần Thị Bình")).toBe(";");
    expect(guessDelimiter("Họ và tên\tChức vụ, chức danh\nAn\tBí thư\nBình\tGiáo viên, tổ trưởng")).toBe("\t");
    expect(guessDelimiter("Họ và tên\nAn")).toBe(",");
    expect(await parseCsv('"Họ, tên";"Chức vụ"\nAn;Bí thư')).toEqual({
      ok: true,
      rows: [
        ["Họ, tên", "Chức vụ"],
        ["An", "Bí thư"],
      ],
    });
  });

  it("refuses a file with only a header row, CSV or XLSX", async () => {
    expect(await parseFile("ds.csv", csv("Họ và tên,Chức vụ\r\n\r\n"))).toEqual({ ok: false, code: "noRows" });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Danh sách").addRow(["Họ tên", "SĐT"]);
    expect(await parseFile("ds.xlsx", new Uint8Array(await workbook.xlsx.writeBuffer()))).toEqual({ ok: false, code: "noRows" });
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
    const unitId = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    const upload = await uploadBatch(writerForSetup(handle.db), organizer, unitId, "ds.csv", csv(SAMPLE));
    if (!upload.ok) throw new Error(upload.code);
    expect(upload.preview).toMatchObject({ total: 5, valid: 2, errorCount: 3 });
    expect(await commitBatch(handle.db, organizer, upload.batchId, upload.mapping)).toEqual({ ok: true, inserted: 2, updated: 0, skipped: 3 });
    expect((await listPeople(handle.db, organizer, { q: "nguyen van an" })).rows.map((p) => p.fullName)).toContain("Nguyễn Văn Ấn");
    expect((await listPeople(handle.db, organizer, { q: "0905123456" })).rows.map((p) => p.fullName)).toEqual(["Nguyễn Văn Ấn"]);

    const again = await uploadBatch(writerForSetup(handle.db), organizer, unitId, "ds2.csv", csv("Họ và tên,Mã,Chức vụ\nNguyễn Văn Ấn,IMP-1,Phó Bí thư"));
    if (!again.ok) throw new Error(again.code);
    expect(again.mapping.externalCode).toBe(1);
    expect(await commitBatch(handle.db, organizer, again.batchId, again.mapping)).toMatchObject({ ok: true, inserted: 0, updated: 1 });
    expect((await firstRow(handle.db.select().from(people).where(eq(people.externalCode, "IMP-1"))))!.position).toBe("Phó Bí thư");
  });

  it("keeps no batch for a header-only file, and commits no batch without a valid row (no audit row)", async () => {
    const unitId = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    const batches = async () => (await firstRow(handle.db.select({ n: count() }).from(importBatches)))!.n;
    const audits = async () => (await firstRow(handle.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "import"))))!.n;
    const [batchesBefore, auditsBefore] = [await batches(), await audits()];
    expect(await uploadBatch(writerForSetup(handle.db), organizer, unitId, "tieu-de.csv", csv("Họ và tên,Chức vụ,Mã\r\n"))).toEqual({
      ok: false,
      code: "noRows",
    });
    expect(await batches()).toBe(batchesBefore);

    const bad = await uploadBatch(writerForSetup(handle.db), organizer, unitId, "loi.csv", csv("Họ và tên,Số điện thoại\n,0905000000\nAn,123"));
    if (!bad.ok) throw new Error(bad.code);
    expect(bad.preview).toMatchObject({ total: 2, valid: 0, errorCount: 2 });
    expect(await commitBatch(handle.db, organizer, bad.batchId, bad.mapping)).toEqual({ ok: false, code: "noValidRows" });
    expect(await audits()).toBe(auditsBefore);
  });

  it("checks an uploaded list's rows after its write transaction: a write begun meanwhile does not wait for the check", async () => {
    const unitId = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    const total = 12_000; // more than two slices of the check (5,000 rows), each followed by a turn of the event loop
    const lines = Array.from({ length: total }, (_, i) => `Người xem trước ${i},`);
    // At every turn of the event loop while the upload goes on, another write transaction: how many turns it
    // waited, and whether it ended before the upload did.
    const writes: Promise<number>[] = [];
    let turn = 0;
    let uploading = true;
    let endedDuringUpload = 0;
    const write = () => {
      const begun = ++turn;
      writes.push(
        transaction(handle.db, async () => undefined).then(() => {
          if (uploading) endedDuringUpload++;
          return turn - begun;
        }),
      );
      if (uploading) setImmediate(write);
    };
    setImmediate(write);
    const upload = await uploadBatch(handle.db, organizer, unitId, "xem-truoc.csv", csv(["Họ và tên,Mã", ...lines].join("\n")));
    uploading = false;
    expect(upload).toMatchObject({ ok: true, preview: { total, valid: total } });
    const waited = await Promise.all(writes);
    expect(endedDuringUpload).toBeGreaterThanOrEqual(2);
    // SQLite's write lane answers a write in the turn it is asked, unless a transaction holds it; a PostgreSQL
    // round trip takes turns of its own, so there only the writes' ending during the upload is the measure.
    if (databaseEngine() === "sqlite") expect(waited.filter((turns) => turns > 0)).toEqual([]);
  });

  it("commits in chunks that let other work run between them, and never twice", async () => {
    const unitId = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    const total = 10_017; // more than one slice of stored rows (10,000), twenty chunks
    const lines = Array.from({ length: total }, (_, i) => (i % 2 ? `Người nhập ${i},CHUNK-${i}` : `Người nhập ${i},`));
    const upload = await uploadBatch(writerForSetup(handle.db), organizer, unitId, "lon.csv", csv(["Họ và tên,Mã", ...lines].join("\n")));
    if (!upload.ok) throw new Error(upload.code);
    const imported = async () => (await firstRow(handle.db.select({ n: count() }).from(people).where(like(people.fullName, "Người nhập %"))))!.n;

    // Other work runs while the commit goes on, and sees it part-way: it yields between chunks.
    const seen: number[] = [];
    let committing = true;
    const look = async () => {
      seen.push(await imported());
      if (committing) setImmediate(() => void look());
    };
    setImmediate(() => void look());
    const both = await Promise.all([
      commitBatch(handle.db, organizer, upload.batchId, upload.mapping),
      commitBatch(handle.db, organizer, upload.batchId, upload.mapping),
    ]);
    committing = false;
    // One of the two claims the commit (on SQLite the first; on PostgreSQL whichever commits its claim first).
    expect(both).toContainEqual({ ok: true, inserted: total, updated: 0, skipped: 0 });
    expect(both).toContainEqual({ ok: false, code: "commitInProgress" });
    expect(seen.filter((n) => n > 0 && n < total).length).toBeGreaterThanOrEqual(2);
    expect(await commitBatch(handle.db, organizer, upload.batchId, upload.mapping)).toEqual({ ok: false, code: "alreadyCommitted" });
    expect(await imported()).toBe(total);
    expect(
      (await firstRow(
        handle.db
          .select({ n: count() })
          .from(auditLog)
          .where(and(eq(auditLog.action, "import"), eq(auditLog.entityId, "lon.csv"))),
      ))!.n,
    ).toBe(1);
  });

  it("resumes an import stopped midway after the last written chunk, writing no row twice", async () => {
    const unitId = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    const total = COMMIT_CHUNK_ROWS * 2 + 5;
    const lines = Array.from({ length: total }, (_, i) => (i % 2 ? `Người tiếp ${i},RESUME-${i}` : `Người tiếp ${i},`));
    const upload = await uploadBatch(writerForSetup(handle.db), organizer, unitId, "tiep.csv", csv(["Họ và tên,Mã", ...lines].join("\n")));
    if (!upload.ok) throw new Error(upload.code);
    const imported = async () => (await firstRow(handle.db.select({ n: count() }).from(people).where(like(people.fullName, "Người tiếp %"))))!.n;

    // The second chunk fails in the database itself (as a full disk would), after the first is written.
    const removeTrigger = await refuseInserts(handle.db, {
      name: "stop_import",
      table: "people",
      column: "full_name",
      equals: `Người tiếp ${COMMIT_CHUNK_ROWS + 1}`,
      message: "disk full",
    });
    const stopped = await commitBatch(handle.db, organizer, upload.batchId, upload.mapping);
    expect(stopped).toEqual({ ok: false, code: "commitInterrupted", values: { written: COMMIT_CHUNK_ROWS } });
    expect(await imported()).toBe(COMMIT_CHUNK_ROWS);
    await removeTrigger();

    // Resumed with the recorded mapping, whatever the second request sends; the totals are the whole import's.
    expect(await commitBatch(handle.db, organizer, upload.batchId, { ...upload.mapping, externalCode: -1 })).toEqual({
      ok: true,
      inserted: total,
      updated: 0,
      skipped: 0,
    });
    expect(await imported()).toBe(total);
    expect((await firstRow(handle.db.select({ n: count() }).from(people).where(like(people.externalCode, "RESUME-%"))))!.n).toBe(Math.floor(total / 2));

    // A server that died midway leaves a stale heartbeat; until then the batch counts as being imported.
    const crashed = await uploadBatch(writerForSetup(handle.db), organizer, unitId, "chet.csv", csv("Họ và tên\nNgười sau sự cố"));
    if (!crashed.ok) throw new Error(crashed.code);
    const key = `import-commit:${crashed.batchId}`;
    const record = { owner: "dead", mapping: crashed.mapping, written: 0, inserted: 0, updated: 0, heartbeat: Date.now(), done: false };
    await writerForSetup(handle.db)
      .insert(appSettings)
      .values({ key, value: JSON.stringify(record) });
    expect(await commitBatch(handle.db, organizer, crashed.batchId, crashed.mapping)).toEqual({ ok: false, code: "commitInProgress" });
    await writerForSetup(handle.db)
      .update(appSettings)
      .set({ value: JSON.stringify({ ...record, heartbeat: Date.now() - 3600_000 }) })
      .where(eq(appSettings.key, key));
    expect(await commitBatch(handle.db, organizer, crashed.batchId, crashed.mapping)).toEqual({ ok: true, inserted: 1, updated: 0, skipped: 0 });
  });

  it("refuses another user's batch and a unit outside the user's scope", async () => {
    const lySon = (await firstRow(handle.db.select().from(units).where(eq(units.code, "536"))))!.id;
    expect(await uploadBatch(writerForSetup(handle.db), organizer, lySon, "ds.csv", csv(SAMPLE))).toEqual({ ok: false, code: "unitRequired" });
    const admin = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
    const upload = await uploadBatch(
      writerForSetup(handle.db),
      (await loadSessionUser(handle.db, admin.id, admin.sessionVersion))!,
      lySon,
      "ds.csv",
      csv(SAMPLE),
    );
    if (!upload.ok) throw new Error(upload.code);
    expect(await commitBatch(handle.db, organizer, upload.batchId, upload.mapping)).toEqual({ ok: false, code: "notFound" });
  });
});
