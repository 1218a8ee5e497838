/**
 * `npm run db:backup [FILE]`: a consistent online backup of DATABASE_PATH (default data/app.db)
 * while the server runs, to FILE or data/backups/app-YYYYMMDD-HHMMSS.db, checked after writing.
 * BACKUP_KEEP (default 30) newest backups are kept in data/backups. Schedule: docs/operations.md.
 */
import path from "node:path";
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import { backupDatabase, checkBackup, defaultBackupFile, pruneBackups } from "@/db/backup";
import { defaultDatabasePath } from "@/db/client";
import { envOrExit } from "@/lib/env";

nextEnv.loadEnvConfig(process.cwd());
const env = envOrExit();
const source = defaultDatabasePath();
const dir = path.join(path.dirname(source), "backups");
const dest = process.argv[2] ? path.resolve(process.argv[2]) : defaultBackupFile(dir);
const result = await backupDatabase(source, dest);
const check = checkBackup(dest);
if (!check.ok) {
  console.error(`✗ Bản sao lưu ${dest} không đạt kiểm tra: ${check.problems.join(" ")}`);
  process.exit(1);
}
console.log(`✓ Đã sao lưu ${source} → ${dest} (${(result.bytes / 2 ** 20).toFixed(1)} MB, ${result.ms} ms).`);
console.log(
  `  ${check.counts.conferences} hội nghị, ${check.counts.invitations} giấy mời, ${check.counts.check_ins} lượt điểm danh, ${check.counts.people} người.`,
);
if (!process.argv[2]) {
  const removed = pruneBackups(dir, env.BACKUP_KEEP);
  if (removed.length) console.log(`  Đã xóa ${removed.length} bản sao lưu cũ.`);
}
