/**
 * The app's one database connection, opened on first use (not at import, so
 * that `next build` never touches a database file) and kept on globalThis so
 * that dev reloads do not open it again.
 */
import "server-only";
import { openDatabase, type Db } from "./client";

const globalForDb = globalThis as unknown as { quanTrietDb?: Db };

function connection(): Db {
  globalForDb.quanTrietDb ??= openDatabase();
  return globalForDb.quanTrietDb;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = connection();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type { Db };
