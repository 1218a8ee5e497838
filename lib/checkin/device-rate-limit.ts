/**
 * A flood guard per door device: at most MAX_PER_SECOND scans a second from one (user, device),
 * counted across every app server. The database holds the count (the device's scans logged in the
 * last second, read through index scan_log_device_idx): with several servers behind a load balancer
 * each sees the others' scans. This process also counts what it has taken this second, because
 * scans still waiting for the group commit (lib/checkin/group-commit.ts) are not in the log yet.
 */
import type { Db } from "@/db/client";
import { boundTime } from "@/db/dialect";
import { preparedFirst } from "@/db/prepared";
import { scanStatements } from "./scan-statements";

const MAX_PER_SECOND = 30;
const windows = new Map<string, { second: number; count: number }>();

/** This process's count of the device's scans in the current second, this one included. */
function countHere(userId: number, deviceId: string, now: number): number {
  const key = `${userId}:${deviceId}`;
  const second = Math.floor(now / 1000);
  const entry = windows.get(key);
  if (!entry || entry.second !== second) {
    windows.set(key, { second, count: 1 });
    if (windows.size > 10_000) for (const [k, v] of windows) if (v.second < second - 5) windows.delete(k);
    return 1;
  }
  return ++entry.count;
}

/**
 * True past the limit. The database is asked only from the device's second scan in the same second on this
 * server: a door scans a letter every few seconds, so most scans cost no query, while a device sending many a
 * second reaches every server of a round-robin balancer more than once a second and is counted whole there.
 * (With more than MAX_PER_SECOND / 2 servers a device could stay under the radar at up to two scans a second
 * per server: far below the limit for any real deployment.)
 */
export async function isFlooding(db: Db, userId: number, deviceId: string, now = Date.now()): Promise<boolean> {
  const here = countHere(userId, deviceId, now);
  if (here > MAX_PER_SECOND) return true;
  if (here === 1) return false;
  const logged = await preparedFirst(scanStatements(db).recentScansOfDevice, { deviceId, userId, since: boundTime(now - 1000) });
  return Number(logged?.n ?? 0) >= MAX_PER_SECOND;
}
