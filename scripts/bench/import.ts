/**
 * `npm run bench:import`: 50,000 people from CSV and from XLSX into a fresh
 * database, through the same functions as the import page: upload (parse and
 * keep the batch), preview (map and check every row), commit (one transaction).
 * Target (issue 4): 50,000 rows in under 10 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { count, eq } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { people, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { commitBatch, getBatch, previewBatch, uploadBatch } from "@/lib/people/import/import-people";

const ROWS = 50_000;
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Trương", "Đinh"];
const GIVEN = ["Văn An", "Thị Bình", "Minh Cường", "Thu Hà", "Quốc Hùng", "Ngọc Lan", "Tấn Lộc", "Thị Mai"];

function rows(): string[][] {
  return Array.from({ length: ROWS }, (_, i) => [
    `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
    i % 3 === 0 ? "Bí thư Chi bộ" : "Đoàn viên công đoàn",
    `Đơn vị số ${i % 500}`,
    `09${String(10_000_000 + i).slice(-8)}`,
    i % 2 === 0 ? "x" : "",
    `BENCH-${i}`,
  ]);
}
const HEADER = ["Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại", "Đảng viên", "Mã"];

async function run(label: string, filename: string, bytes: Uint8Array) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-import-"));
  const db = openDatabase(path.join(dir, "bench.db"));
  migrateDatabase(db);
  await seedDemo(db);
  const admin = db.select().from(users).where(eq(users.username, "admin")).get()!;
  const user = loadSessionUser(db, admin.id, admin.sessionVersion)!;
  const before = db.select({ n: count() }).from(people).get()!.n;

  const t0 = performance.now();
  const upload = await uploadBatch(db, user, user.unitId, filename, bytes);
  if (!upload.ok) throw new Error(upload.code);
  const t1 = performance.now();
  const preview = previewBatch(getBatch(db, user, upload.batchId)!, upload.mapping);
  const t2 = performance.now();
  const result = commitBatch(db, user, upload.batchId, upload.mapping);
  const t3 = performance.now();
  const after = db.select({ n: count() }).from(people).get()!.n;
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!result.ok || after - before !== ROWS || preview.valid !== ROWS) throw new Error(`${label}: wrong result ${JSON.stringify(result)}`);
  const total = t3 - t0;
  console.log(
    `${label.padEnd(6)} ${(bytes.length / 1024 / 1024).toFixed(1).padStart(5)} MB  upload+parse ${(t1 - t0).toFixed(0).padStart(5)} ms  preview ${(t2 - t1).toFixed(0).padStart(5)} ms  commit ${(t3 - t2).toFixed(0).padStart(5)} ms  total ${total.toFixed(0).padStart(5)} ms  target 10000 ms  ratio ${(total / 10_000).toFixed(2)}`,
  );
}

async function main() {
  const data = rows();
  const csv = new TextEncoder().encode(`\uFEFF${[HEADER, ...data].map((r) => r.join(",")).join("\r\n")}\r\n`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow(HEADER);
  for (const r of data) sheet.addRow(r);
  const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
  console.log(`${ROWS.toLocaleString("en")} rows, into a database that already holds the demo (~9,000 people).`);
  await run("CSV", "bench.csv", csv);
  await run("XLSX", "bench.xlsx", xlsx);
}

void main();
