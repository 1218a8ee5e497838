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

/**
 * A race with another app server, made deterministic: just before a check-in from device `deviceId` goes
 * in, a check-in of the same letter from `otherDeviceId` (another server's scan, a second earlier, its own
 * nonce) takes its place, so the first finds its letter taken (ON CONFLICT DO NOTHING changes no row).
 * A BEFORE INSERT trigger on check_ins; remove it with the function returned.
 */
export async function checkInFirstElsewhere(db: Db, { name, deviceId, otherDeviceId }: { name: string; deviceId: string; otherDeviceId: string }) {
  const writer = writerForSetup(db);
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const columns = "invitation_id, conference_id, site_id, scanned_at, received_at, scanner_user_id, device_id, method, is_late, was_offline, nonce";
  const earlier = databaseEngine() === "postgres" ? "new.scanned_at - interval '1 second'" : "new.scanned_at - 1000";
  const values = `new.invitation_id, new.conference_id, new.site_id, ${earlier}, new.received_at, new.scanner_user_id, ${quote(otherDeviceId)}, new.method, new.is_late, false, 'elsewhere-' || new.nonce`;
  const insert = `insert into check_ins (${columns}) values (${values})`;
  if (databaseEngine() === "postgres") {
    await runStatement(
      writer,
      sql.raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin if new.device_id = ${quote(deviceId)} then ${insert}; end if; return new; end $$`,
      ),
    );
    await runStatement(writer, sql.raw(`create trigger ${name} before insert on check_ins for each row execute function ${name}()`));
    return async () => {
      await runStatement(writer, sql.raw(`drop trigger ${name} on check_ins`));
      await runStatement(writer, sql.raw(`drop function ${name}()`));
    };
  }
  writer.$client.exec(`create trigger ${name} before insert on check_ins when new.device_id = ${quote(deviceId)} begin ${insert}; end`);
  return async () => void writer.$client.exec(`drop trigger ${name}`);
}

/**
 * PostgreSQL refusing a transaction for a conflict with a concurrent one, made deterministic: the first insert of the
 * row (`column` = `equals`) into `table` fails with SQLSTATE 40P01, as a deadlock would; later ones go in. A sequence
 * counts the attempts (a sequence is not rolled back with the transaction). PostgreSQL only: SQLite has one writer
 * and no such conflict. Remove it with the function returned.
 */
export async function deadlockOnce(db: Db, { name, table, column, equals }: { name: string; table: string; column: string; equals: number }) {
  if (databaseEngine() !== "postgres") throw new Error("deadlockOnce: PostgreSQL only");
  const writer = writerForSetup(db);
  await runStatement(writer, sql.raw(`create sequence ${name}_attempts`));
  await runStatement(
    writer,
    sql.raw(
      `create function ${name}() returns trigger language plpgsql as $$ begin if new.${column} = ${equals} and nextval('${name}_attempts') = 1 then raise exception 'injected deadlock' using errcode = '40P01'; end if; return new; end $$`,
    ),
  );
  await runStatement(writer, sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
  return async () => {
    await runStatement(writer, sql.raw(`drop trigger ${name} on ${table}`));
    await runStatement(writer, sql.raw(`drop function ${name}()`));
    await runStatement(writer, sql.raw(`drop sequence ${name}_attempts`));
  };
}
