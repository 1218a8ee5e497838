/**
 * A PostgreSQL connection lost while a transaction holds it (the server restarted, or a backend was terminated,
 * between two statements: the door's batch judges its scans between them): that transaction fails, the server
 * process goes on, and the pool connects again. Before db/postgres.ts listened on every client, node-postgres
 * emitted the error on a checked-out client with no listener: an uncaught exception (seen in test:faults' log).
 * A real PostgreSQL (lib/testing/postgres-server.ts).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "@/lib/testing/postgres-server";
import { openPostgres } from "./postgres";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());

describe("a connection lost inside a transaction", () => {
  it("fails that transaction only; the process goes on and the pool connects again", async () => {
    const app = openPostgres(server.url);
    const other = openPostgres(server.url);
    try {
      const attempt = app.db.transaction(async (tx) => {
        const { rows } = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        await other.db.execute(sql`select pg_terminate_backend(${rows[0].pid})`);
        // The client hears of it while the transaction is between statements.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select 1`);
      });
      await expect(attempt).rejects.toThrow();
      const { rows } = await app.db.execute<{ one: number }>(sql`select 1 as one`);
      expect(rows[0].one).toBe(1);
    } finally {
      await app.pool.end();
      await other.pool.end();
    }
  });
});
