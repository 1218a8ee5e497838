/**
 * A failure raised by the database itself, as a full disk or a broken constraint would be: a trigger in the
 * test's own database that refuses one row of a table. SQLite: a trigger with RAISE(ABORT); PostgreSQL: a
 * plpgsql trigger function that raises an exception. Remove it with the function returned.
 */
import { sql } from "drizzle-orm";
import { writerForSetup, type Db } from "@/db/client";
import { runStatement } from "@/db/dialect";
import { databaseEngine } from "@/db/engine";

export async function refuseInserts(
  db: Db,
  { name, table, column, equals, message }: { name: string; table: string; column: string; equals: string | number; message: string },
): Promise<() => Promise<void>> {
  const writer = writerForSetup(db);
  const value = typeof equals === "number" ? String(equals) : `'${equals.replaceAll("'", "''")}'`;
  const text = message.replaceAll("'", "''");
  if (databaseEngine() === "postgres") {
    await runStatement(
      writer,
      sql.raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin if new.${column} = ${value} then raise exception '${text}'; end if; return new; end $$`,
      ),
    );
    await runStatement(writer, sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
    return async () => {
      await runStatement(writer, sql.raw(`drop trigger ${name} on ${table}`));
      await runStatement(writer, sql.raw(`drop function ${name}()`));
    };
  }
  writer.$client.exec(`create trigger ${name} before insert on ${table} when new.${column} = ${value} begin select raise(abort, '${text}'); end`);
  return async () => void writer.$client.exec(`drop trigger ${name}`);
}
