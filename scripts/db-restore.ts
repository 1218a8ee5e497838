/**
 * `npm run db:restore FILE`: checks FILE (SQLite, intact, the app's tables, not from a newer
 * version), keeps the current database as pre-restore-<time>.db beside it, then restores.
 * Stop the server first (docs/operations.md): sessions and caches of a running server would
 * still hold the old data for a few seconds.
 */
import path from "node:path";
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import { restoreDatabase } from "@/db/backup";
import { defaultDatabasePath } from "@/db/client";

nextEnv.loadEnvConfig(process.cwd());
const file = process.argv[2];
if (!file) {
  console.error("Cách dùng: npm run db:restore -- <tệp sao lưu>");
  process.exit(2);
}
const target = defaultDatabasePath();
const { check, saved } = await restoreDatabase(path.resolve(file), target);
if (!check.ok) {
  console.error(`✗ Không khôi phục: ${check.problems.join(" ")}`);
  process.exit(1);
}
console.log(`✓ Đã khôi phục ${file} → ${target}.`);
if (saved) console.log(`  Cơ sở dữ liệu trước đó được giữ tại ${saved}.`);
console.log(`  ${check.counts.conferences} hội nghị, ${check.counts.invitations} giấy mời, ${check.counts.check_ins} lượt điểm danh.`);
