/**
 * `npm run db:export-to-postgres`: copies the SQLite file DATABASE_PATH (default data/app.db) into the empty
 * PostgreSQL DATABASE_URL (db/export-to-postgres.ts), then prints the verification: rows per table, check-ins per
 * conference, invitations per status. Exit 1 when refused or when a figure differs. Stop the server first
 * (docs/operations.md, "From a SQLite file to PostgreSQL").
 */
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import { defaultDatabasePath } from "@/db/client";
import { exportToPostgres, type Comparison, type ExportResult } from "@/db/export-to-postgres";
import { envOrExit } from "@/lib/env";

nextEnv.loadEnvConfig(process.cwd());
const url = envOrExit().DATABASE_URL;
if (!url) {
  console.error("✗ Chưa đặt DATABASE_URL (postgres://…): cơ sở dữ liệu PostgreSQL đích. — DATABASE_URL is not set: the target PostgreSQL database.");
  process.exit(2);
}
const source = defaultDatabasePath();
const target = new URL(url);
const where = `${target.hostname}:${target.port || "5432"}${target.pathname}`; // no user name or password in the output
console.log(`Chép ${source} → PostgreSQL ${where} / copying`);

let result: ExportResult;
try {
  result = await exportToPostgres(source, url, {
    onTable: (table, rows, ms) => console.log(`  ${table.padEnd(24)} ${String(rows).padStart(9)} dòng / rows  ${String(ms).padStart(6)} ms`),
  });
} catch (error) {
  // One transaction: a failure part-way leaves no row in the target (at most its empty tables, from the migrations).
  const cause = (error as Error).cause as (Error & { code?: string }) | undefined; // drizzle wraps the driver's error
  const why = [(error as Error).message, cause && (cause.message || cause.code)].filter(Boolean).join(" — ");
  console.error(`✗ Không chép được, không dòng nào được ghi: ${why}`);
  console.error("  The export failed; no row was written.");
  process.exit(1);
}
if (result.status === "refused") {
  console.error(`✗ ${result.vi}\n  ${result.en}`);
  process.exit(1);
}

const { verification } = result;
const mark = (c: Comparison) => (c.sqlite === c.postgres ? "✓" : "✗");
const line = (label: string, c: Comparison) => `  ${mark(c)} ${label.padEnd(28)} ${String(c.sqlite).padStart(9)} ${String(c.postgres).padStart(9)}`;
console.log(`\nKiểm tra / verification                 SQLite  PostgreSQL`);
console.log("  Số dòng mỗi bảng / rows per table");
for (const c of verification.tables) console.log(line(c.key, c));
console.log("  Giấy mời theo trạng thái / invitations per status");
for (const c of verification.invitationsByStatus) console.log(line(c.key, c));
const conferences = verification.checkInsByConference;
const sum = (side: "sqlite" | "postgres") => conferences.reduce((total, c) => total + c[side], 0);
const differing = conferences.filter((c) => c.sqlite !== c.postgres);
console.log("  Lượt điểm danh theo hội nghị / check-ins per conference");
console.log(line(`${conferences.length} hội nghị / conferences`, { key: "", sqlite: sum("sqlite"), postgres: sum("postgres") }));
for (const c of differing) console.log(line(`hội nghị / conference ${c.key}`, c));
if (differing.length === 0 && conferences.length > 0) console.log(`    (từng hội nghị khớp / every conference matches)`);
const tallies = verification.talliesByConference;
const talliesDiffering = tallies.filter((c) => c.sqlite !== c.postgres);
console.log("  Số liệu điểm danh theo hội nghị / attendance tallies per conference");
console.log(`    ${talliesDiffering.length === 0 ? "✓" : "✗"} ${tallies.length} số liệu / figures`);
for (const c of talliesDiffering) console.log(line(`hội nghị / conference ${c.key}`, c));

const seconds = (result.ms / 1000).toFixed(1);
if (!verification.ok) {
  console.error(
    `\n✗ Đã chép ${result.rows} dòng trong ${seconds} s nhưng số liệu không khớp (✗ ở trên). — ${result.rows} rows copied but figures differ (✗ above).`,
  );
  process.exit(1);
}
console.log(`\n✓ Đã chép ${result.rows} dòng, ${verification.tables.length} bảng, trong ${seconds} s; số liệu khớp.`);
console.log(`  ${result.rows} rows, ${verification.tables.length} tables copied in ${seconds} s; the figures match.`);
