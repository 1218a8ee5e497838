import { writerForSetup } from "@/db/client";
/**
 * Two server processes on one database file (docs/operations.md: the restart
 * case) writing at once: every write transaction takes the write lock at its
 * start (docs/decisions/0017-write-transactions.md), so none fails with
 * SQLITE_BUSY, and the campaign's keys are made once.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoDb } from "./test-db";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
const WORKER = path.resolve("lib/testing/concurrent-writer.ts");

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

/** Starts one writer process per job, all released at the same instant; resolves to their reports. */
async function together(jobs: object[]) {
  const startAt = Date.now() + 2_500; // after tsx has started both
  const outputs = await Promise.all(jobs.map((job) => run(TSX, [WORKER, JSON.stringify({ ...job, file: handle.file, startAt })], { timeout: 60_000 })));
  return outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").pop()!));
}

describe("two processes writing to one file", () => {
  it("interleaved read-then-write transactions never fail with SQLITE_BUSY", async () => {
    const absent = writerForSetup(handle.db)
      .$client.prepare(
        `select i.id from invitations i left join check_ins c on c.invitation_id = i.id
         where i.status = 'issued' and i.kind = 'invited' and c.id is null order by i.id limit 40`,
      )
      .all() as { id: number }[];
    const ids = absent.map((r) => r.id);
    const admin = writerForSetup(handle.db).$client.prepare("select id from users where username = 'admin'").get() as { id: number };
    // Both processes work on the same invitations, so their transactions touch the same rows.
    const reports = await together([
      { task: "writes", userId: admin.id, invitationIds: ids, rounds: 15 },
      { task: "writes", userId: admin.id, invitationIds: [...ids].reverse(), rounds: 15 },
    ]);
    for (const report of reports) {
      expect(report.errors).toEqual([]);
      expect(report.done).toBe(ids.length * 15);
    }
  }, 120_000);

  it("both ensure the campaign's keys at once and get the same pair", async () => {
    const campaigns = writerForSetup(handle.db).$client.prepare("select id from campaigns order by id").all() as { id: number }[];
    // A campaign without keys yet.
    const campaignId = campaigns[campaigns.length - 1]!.id;
    writerForSetup(handle.db).$client.prepare("update campaigns set signing_public_key = null, signing_private_key = null where id = ?").run(campaignId);
    const reports = await together(Array.from({ length: 4 }, () => ({ task: "keys", campaignId })));
    const stored = writerForSetup(handle.db)
      .$client.prepare("select signing_public_key as publicKey, signing_private_key as privateKey from campaigns where id = ?")
      .get(campaignId);
    expect(stored).toMatchObject({ publicKey: expect.any(String), privateKey: expect.any(String) });
    for (const report of reports) expect(report.keys).toEqual(stored);
  }, 120_000);
});
