import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "./postgres-server";

let server: PostgresServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 20 });
});
afterAll(async () => {
  await pool?.end();
  server?.stop();
});

describe("the PostgreSQL test server", () => {
  it("is a real PostgreSQL on loopback, in UTF-8", async () => {
    const { rows } = await pool.query<{ version: string; encoding: string }>("select version(), current_setting('server_encoding') as encoding");
    expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    expect(rows[0].encoding).toBe("UTF8");
    expect((await pool.query<{ name: string }>("select 'Nguyễn Văn Ánh' as name")).rows[0].name).toBe("Nguyễn Văn Ánh");
  });

  it("enforces what the check-in relies on when several servers write at once: one row per letter, the earliest device time kept", async () => {
    await pool.query("create table check_ins (invitation_id integer primary key, scanned_at bigint not null, device text not null)");
    // 20 connections race to check in the same 50 letters, each with its own device time.
    const attempts = Array.from({ length: 20 }, (_, client) =>
      Array.from({ length: 50 }, (_, letter) => ({ letter, scannedAt: 1_000 + ((client * 7 + letter) % 20), device: `may-${client}` })),
    ).flat();
    await Promise.all(
      attempts.map(({ letter, scannedAt, device }) =>
        pool.query(
          `insert into check_ins (invitation_id, scanned_at, device) values ($1, $2, $3)
           on conflict (invitation_id) do update set scanned_at = excluded.scanned_at, device = excluded.device
           where excluded.scanned_at < check_ins.scanned_at`,
          [letter, scannedAt, device],
        ),
      ),
    );
    const { rows } = await pool.query<{ n: string; earliest: string }>("select count(*) as n, max(scanned_at) as earliest from check_ins");
    // count(*) is a bigint: the driver gives a string, which the data layer must convert.
    expect(rows[0].n).toBe("50");
    for (let letter = 0; letter < 50; letter++) {
      const earliest = Math.min(...attempts.filter((a) => a.letter === letter).map((a) => a.scannedAt));
      const row = (await pool.query<{ scanned_at: string }>("select scanned_at from check_ins where invitation_id = $1", [letter])).rows[0];
      expect(Number(row.scanned_at)).toBe(earliest);
    }
  });
});
