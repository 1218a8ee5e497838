/** `npm run db:migrate`: applies the committed migrations to DATABASE_PATH (default data/app.db). */
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import { closeDatabase, defaultDatabasePath, migrateDatabase, openDatabase } from "@/db/client";

nextEnv.loadEnvConfig(process.cwd());
const file = defaultDatabasePath();
const db = openDatabase(file);
await migrateDatabase(db);
console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu: ${file}`);
await closeDatabase(db);
