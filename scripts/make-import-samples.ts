/**
 * Writes the sample files the people import page offers (public/samples/danh-sach-dai-bieu-mau.*):
 * the same rows as a CSV (UTF-8 with BOM, so Excel shows the diacritics) and as an Excel workbook.
 * Run once after changing the rows (`npx tsx scripts/make-import-samples.ts`); the files are
 * committed, and lib/people/import/import.test.ts reads both through the importer.
 * The people are fictional; the headers are ones the importer recognises (lib/people/import/map-rows.ts).
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { toCsv } from "@/lib/http/csv";

export const SAMPLE_HEADERS = ["Họ và tên", "Chức vụ", "Nơi công tác", "Số điện thoại", "Thư điện tử", "Đảng viên", "Thành phần", "Mã"];
export const SAMPLE_ROWS = [
  ["Nguyễn Văn An", "Chủ tịch", "UBND xã Ba Động", "0905 123 456", "", "x", "Cán bộ chủ chốt", "BT-0001"],
  ["Trần Thị Bình", "Hiệu trưởng", "Trường THCS Ba Thành", "0914234567", "binh.tt@example.vn", "x", "Cán bộ quản lý, giáo viên", "BT-0002"],
  ["Phạm Minh Cường", "Phóng viên", "Đài Truyền thanh - Truyền hình huyện Ba Tơ", "", "", "", "Cán bộ tuyên giáo, báo chí", "BT-0003"],
  ["Đinh Thị Hoa", "Giáo viên", "Trường Tiểu học Ba Vinh", "0988345678", "", "", "Cán bộ quản lý, giáo viên", ""],
];

const csv = toCsv(SAMPLE_HEADERS, SAMPLE_ROWS);
fs.writeFileSync("public/samples/danh-sach-dai-bieu-mau.csv", csv);

const workbook = new ExcelJS.Workbook();
workbook.creator = "Quán Triệt";
// A fixed date: the same rows give the same file.
workbook.created = workbook.modified = new Date("2021-02-24T00:00:00Z");
const sheet = workbook.addWorksheet("Danh sách");
sheet.columns = SAMPLE_HEADERS.map((header, i) => ({ header, key: String(i), width: [24, 16, 40, 16, 24, 10, 28, 10][i], style: { numFmt: "@" } }));
sheet.getRow(1).font = { bold: true };
for (const row of SAMPLE_ROWS) sheet.addRow(row);
fs.writeFileSync("public/samples/danh-sach-dai-bieu-mau.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
console.log("public/samples/danh-sach-dai-bieu-mau.csv, .xlsx");
