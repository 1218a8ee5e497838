/**
 * Group commit for the check-in fast path: scans that arrive while the event
 * loop is busy are judged one after another inside one write transaction (with a
 * few statements for the whole batch: record-scans.ts), and
 * every answer is sent after that transaction commits. One WAL commit serves
 * many scans (the costly part of a scan), each scan still sees the ones before
 * it (two devices scanning one letter: the first wins), and an acknowledged
 * check-in is always committed.
 */
import { transaction, type Db } from "@/db/client";
import { DOOR_ISOLATION, recordScanInTransaction, type ScanInput, type ScanResult } from "./record-scan";
import { recordScans, type GroupScan } from "./record-scans";

interface Pending extends GroupScan {
  resolve: (result: ScanResult) => void;
  reject: (error: unknown) => void;
}

/**
 * One batch at a time: scans that arrive while it is written wait for the next, which takes them all. Measured
 * on PostgreSQL (docs/benchmarks.md, bench:checkin): with a batch for every turn of the event loop, ten batches
 * of a few scans each were in flight, each paying its own round trips and commit; one at a time, the batches
 * grow with the load and the rate rose by half for one server and more than doubled for two. SQLite's write
 * lane runs one transaction at a time whatever is asked.
 */
const BATCHES_IN_FLIGHT = 1;

export function createGroupCommit(db: Db, maxBatch = 200) {
  const queue: Pending[] = [];
  let scheduled = false;
  let inFlight = 0;

  async function flush() {
    scheduled = false;
    if (inFlight >= BATCHES_IN_FLIGHT) return;
    inFlight++;
    const batch = queue.splice(0, maxBatch);
    try {
      const results = await transaction(db, (tx) => recordScans(tx, batch), DOOR_ISOLATION);
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch {
      // One scan failed, or another server was first to a row the batch had judged free (GroupRaced), and the
      // batch rolled back: do each alone, so only a failing one fails and a race is answered as the database kept it.
      for (const p of batch) {
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
