/**
 * A flood guard per door device: at most MAX_PER_SECOND scans a second from one
 * (user, device). Kept in this process's memory: with several server processes
 * each allows its own share, which still stops a runaway device or script.
 */
const MAX_PER_SECOND = 30;
const windows = new Map<string, { second: number; count: number }>();

export function isFlooding(userId: number, deviceId: string, now = Date.now()): boolean {
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
