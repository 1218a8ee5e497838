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

/** This process's count for the current second; true past the limit. */
function floodingHere(userId: number, deviceId: string, now: number): boolean {
  const key = `${userId}:${deviceId}`;
  const second = Math.floor(now / 1000);
  const entry = windows.get(key);
  if (!entry || entry.second !== second) {
    windows.set(key, { second, count: 1 });
    if (windows.size > 10_000) for (const [k, v] of windows) if (v.second < second - 5) windows.delete(k);
    return false;
  }
  entry.count++;
  return entry.count > MAX_PER_SECOND;
}

export async function isFlooding(db: Db, userId: number, deviceId: string, now = Date.now()): Promise<boolean> {
  if (floodingHere(userId, deviceId, now)) return true;
  const logged = await preparedFirst(scanStatements(db).recentScansOfDevice, { deviceId, userId, since: boundTime(now - 1000) });
  return Number(logged?.n ?? 0) >= MAX_PER_SECOND;
}
