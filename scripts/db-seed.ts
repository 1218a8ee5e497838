/** `npm run db:seed`: resets the database to the demo (all data is replaced). */
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import { defaultDatabasePath, migrateDatabase, openDatabase } from "@/db/client";
import { clearDatabase, seedDemo } from "@/db/seed";

nextEnv.loadEnvConfig(process.cwd());
const file = defaultDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
clearDatabase(db);
const started = performance.now();
const summary = await seedDemo(db);
console.log(`Đã nạp dữ liệu mẫu vào ${file} trong ${Math.round(performance.now() - started)} ms:`);
console.table(summary);
db.$client.close();
