/**
 * What the door device's own scans and the server's roster say together (pure; browser and
 * tests): the check-ins this device knows of, the differences to show the door staff after a
 * sync, and the count of guests present.
 */
import type { DeviceJudge } from "@/lib/checkin/shared/device-judge";
import type { FirstCheckIn } from "@/lib/checkin/shared/verdict";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";
import type { StoredScan } from "./door-store";

export interface SyncConflict {
  nonce: string;
  name: string;
  shown: string;
  server: ScanResult;
  scannedAt: number;
  /** The server did not record it: why, and whether it can be sent again (see retry). */
  rejection?: string;
  retryable?: boolean;
}

const shownVerdict = (scan: StoredScan) => scan.shown.verdict;
export const finalVerdict = (scan: StoredScan) => (scan.serverResult ?? scan.shown).verdict;

/** The invitation a scan checked in (as the server finally decided), or null. */
function checkedInInvitation(scan: StoredScan): number | null {
  const result = scan.serverResult ?? scan.shown;
  if (scan.undone || scan.item.type !== "scan" || result.verdict !== "ok" || !("invitationId" in result) || !result.invitationId) return null;
  return result.invitationId;
}

/**
 * A check-in this device made that the server later gave to another device with an earlier time
 * (two devices offline, one letter): it becomes a duplicate among the sync results, so the door
 * staff learn of it. Returns the scans that changed.
 */
export function takenOver(scans: Iterable<StoredScan>, judge: DeviceJudge): StoredScan[] {
  const venues = new Map(judge.roster.sites);
  const changed: StoredScan[] = [];
  for (const scan of scans) {
    const invitationId = checkedInInvitation(scan);
    if (scan.state !== "synced" || invitationId === null) continue;
    const first = judge.entry(invitationId)?.checkedIn;
    if (!first || first.scannedAt >= scan.item.scannedAt) continue;
    const result = scan.serverResult ?? scan.shown;
    const firstCheckIn = { scannedAt: new Date(first.scannedAt).toISOString(), deviceId: first.deviceId, siteVenue: venues.get(first.siteId) ?? "" };
    changed.push({
      ...scan,
      serverResult: { verdict: "duplicate", invitationId, attendee: "attendee" in result ? result.attendee : undefined, firstCheckIn },
    });
  }
  return changed;
}

/**
 * Check-ins this device made (or was told of) at this site, for duplicates and the count. A
 * check-in the server recorded before the roster was asked for, which the roster no longer has,
 * was removed on the server since (undone at another device, or the practice conference opened
 * again): it no longer counts here either.
 */
export function seenCheckIns(
  scans: Iterable<StoredScan>,
  context: { siteId: number; judge: DeviceJudge | null; rosterRequestedAt: number; scannerName?: string },
): Map<number, FirstCheckIn> {
  const seen = new Map<number, FirstCheckIn>();
  for (const scan of scans) {
    const invitationId = checkedInInvitation(scan);
    if (invitationId === null) continue;
    if (scan.state === "synced" && (scan.syncedAt ?? Infinity) < context.rosterRequestedAt && context.judge?.entry(invitationId)?.checkedIn === null) continue;
    const previous = seen.get(invitationId);
    if (!previous || scan.item.scannedAt < previous.scannedAt) {
      seen.set(invitationId, {
        scannedAt: scan.item.scannedAt,
        deviceId: scan.item.deviceId,
        siteId: context.siteId,
        ...(context.scannerName ? { scannerName: context.scannerName } : {}),
      });
    }
  }
  return seen;
}

/** The latest 20 scans whose sync did not end as shown: rejected, or judged otherwise by the server. */
export function syncConflicts(scans: Iterable<StoredScan>): SyncConflict[] {
  return [...scans]
    .filter((s) => s.state === "rejected" || (s.serverResult && s.serverResult.verdict !== shownVerdict(s)))
    .sort((a, b) => (b.syncedAt ?? 0) - (a.syncedAt ?? 0))
    .slice(0, 20)
    .map((s) => ({
      nonce: s.nonce,
      name: s.shown.verdict === "walk_in" ? s.shown.name : ((s.serverResult?.attendee ?? ("attendee" in s.shown ? s.shown.attendee : undefined))?.name ?? ""),
      shown: shownVerdict(s),
      server: s.serverResult ?? { verdict: "unknown" as const },
      scannedAt: s.item.scannedAt,
      ...(s.state === "rejected" ? { rejection: s.rejection ?? "", retryable: s.retryable ?? false } : {}),
    }));
}

/**
 * Guests present at this site as far as the device knows: invitees the roster or the device
 * has checked in, the roster's walk-ins, and this device's walk-ins the roster cannot have yet.
 */
export function presentCount(
  scans: StoredScan[],
  judge: DeviceJudge,
  context: { siteId: number; seen: Map<number, FirstCheckIn>; rosterFetchedAt: number },
): { invited: number; present: number } {
  const mine = judge.entries.filter((e) => e.siteId === context.siteId && e.status === "issued");
  const present = mine.filter((e) => e.checkedIn || context.seen.has(e.invitationId)).length;
  const localWalkIns = scans.filter((s) => s.item.type === "walk_in" && (s.state === "queued" || (s.syncedAt ?? 0) > context.rosterFetchedAt)).length;
  return { invited: mine.length, present: present + judge.roster.walkInsPresent + localWalkIns };
}

/** The scans undone at the door for this guest: no longer a check-in. */
export function undoneFor(scans: Iterable<StoredScan>, invitationId: number): StoredScan[] {
  const changed: StoredScan[] = [];
  for (const scan of scans) {
    const result = scan.serverResult ?? scan.shown;
    if (finalVerdict(scan) === "ok" && "invitationId" in result && result.invitationId === invitationId) changed.push({ ...scan, undone: true });
  }
  return changed;
}
