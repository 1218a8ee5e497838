/**
 * Group commit for the check-in fast path: scans that arrive while the event
 * loop is busy are judged one after another and written together (with a few
 * statements for the whole batch, in one transaction or one all-or-nothing
 * statement: record-scans.ts), and every answer is sent after its rows commit. One WAL commit serves
 * many scans (the costly part of a scan), each scan still sees the ones before
 * it (two devices scanning one letter: the first wins), and an acknowledged
 * check-in is always committed.
 */
import { transaction, type Db } from "@/db/client";
import { writeBatchesAtOnce } from "@/db/engine";
import { DOOR_ISOLATION, recordScanInTransaction, type ScanInput, type ScanResult } from "./record-scan";
import { recordLeadingScans, recordScans, type GroupScan } from "./record-scans";

interface Pending extends GroupScan {
  resolve: (result: ScanResult) => void;
  reject: (error: unknown) => void;
}

/*
 * Batches under way at once: one on SQLite, two on PostgreSQL (writeBatchesAtOnce, db/engine.ts). Scans that
 * arrive meanwhile wait for the next batch, which takes them all. Measured on PostgreSQL (docs/benchmarks.md,
 * bench:checkin): with a batch for every turn of the event loop, ten batches of a few scans each were in flight,
 * each paying its own round trips and commit; one at a time, the batches grew with the load and the rate rose
 * by half. Once a batch's leading scans took two round trips instead of four, a second batch (written while the
 * first waits on the network) gave one server +12 % and a p99 of 22–24 ms instead of 27 ms in two alternating
 * pairs of runs; two servers sharing 2 cores with PostgreSQL lost a fifth with it, still 131–155× the peer figure.
 */

export function createGroupCommit(db: Db, maxBatch = 200) {
  const batchesAtOnce = writeBatchesAtOnce();
  const queue: Pending[] = [];
  let scheduled = false;
  let inFlight = 0;

  async function flush() {
    scheduled = false;
    if (inFlight >= batchesAtOnce) return;
    inFlight++;
    const batch = queue.splice(0, maxBatch);
    let answered = 0;
    try {
      // Most batches are first scans and repeats of one site's letters: written without a transaction, in two
      // round trips. From the first scan that must be recorded alone, the rest go through one transaction.
      const leading = await recordLeadingScans(db, batch);
      leading.forEach((result, i) => batch[i].resolve(result));
      answered = leading.length;
      if (answered < batch.length) {
        const rest = batch.slice(answered);
        const results = await transaction(db, (tx) => recordScans(tx, rest), DOOR_ISOLATION);
        rest.forEach((p, i) => p.resolve(results[i]));
        answered = batch.length;
      }
    } catch {
      // One scan failed, or another server was first to a row the batch had judged free (GroupRaced), and what
      // was not answered yet rolled back: do each alone, so only a failing one fails and a race is answered as
      // the database kept it.
      for (const p of batch.slice(answered)) {
        try {
          p.resolve(await transaction(db, (tx) => recordScanInTransaction(tx, p.userId, p.input, p.now), DOOR_ISOLATION));
        } catch (error) {
          p.reject(error);
        }
      }
    } finally {
      inFlight--;
      if (queue.length > 0) schedule();
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // flush settles every promise it takes (resolve or reject): nothing is left floating.
    setImmediate(() => void flush());
  }

  return function record(userId: number, input: ScanInput, now: Date): Promise<ScanResult> {
    return new Promise((resolve, reject) => {
      queue.push({ userId, input, now, resolve, reject });
      schedule();
    });
  };
}
