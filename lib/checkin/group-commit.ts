/**
 * Group commit for the check-in fast path: scans that arrive while the event
 * loop is busy are judged one after another inside one write transaction, and
 * every answer is sent after that transaction commits. One WAL commit serves
 * many scans (the costly part of a scan), each scan still sees the ones before
 * it (two devices scanning one letter: the first wins), and an acknowledged
 * check-in is always committed.
 */
import { transaction, type Db } from "@/db/client";
import { DOOR_ISOLATION, recordScanInTransaction, type ScanInput, type ScanResult } from "./record-scan";

interface Pending {
  userId: number;
  input: ScanInput;
  now: Date;
  resolve: (result: ScanResult) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit(db: Db, maxBatch = 200) {
  const queue: Pending[] = [];
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    try {
      const results = await transaction(
        db,
        async (tx) => {
          const answers: ScanResult[] = [];
          for (const p of batch) answers.push(await recordScanInTransaction(tx, p.userId, p.input, p.now));
          return answers;
        },
        DOOR_ISOLATION,
      );
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch {
      // One scan failed and the batch rolled back: do each alone, so only that one fails.
      for (const p of batch) {
        try {
          p.resolve(await transaction(db, (tx) => recordScanInTransaction(tx, p.userId, p.input, p.now), DOOR_ISOLATION));
        } catch (error) {
          p.reject(error);
        }
      }
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
