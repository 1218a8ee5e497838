/**
 * `npm run db:seed`: resets the database to the demo (all data is replaced).
 * `DEMO=2025 npm run db:seed`: to the demo after the 2025 reform instead.
 */
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import { closeDatabase, writerForSetup, defaultDatabasePath, migrateDatabase, openDatabase } from "@/db/client";
import { clearDatabase, seedDemo } from "@/db/seed";
import { seedReform2025 } from "@/db/seed-2025";
import { ensureDefaultBodyTemplates } from "@/lib/bodies/default-body-templates";
import { envOrExit } from "@/lib/env";

nextEnv.loadEnvConfig(process.cwd());
const env = envOrExit();
const file = defaultDatabasePath();
const db = openDatabase(file);
await migrateDatabase(db);
await clearDatabase(db);
const started = performance.now();
const reform = env.DEMO === "2025";
const summary = reform ? await seedReform2025(writerForSetup(db)) : await seedDemo(db);
await ensureDefaultBodyTemplates(db);
console.log(`Đã nạp dữ liệu mẫu ${reform ? "sau sắp xếp năm 2025 " : ""}vào ${file} trong ${Math.round(performance.now() - started)} ms:`);
console.table(summary);
await closeDatabase(db);
