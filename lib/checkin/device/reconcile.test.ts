import { describe, expect, it } from "vitest";
import type { DeviceJudge } from "@/lib/checkin/shared/device-judge";
import type { RosterEntry } from "@/lib/checkin/shared/roster-format";
import type { StoredScan } from "./door-store";
import { presentCount, seenCheckIns, syncConflicts, takenOver, undoneFor } from "./reconcile";

const SITE = 7;
const attendee = { name: "Nguyễn Văn A", position: "", workplace: "", unitName: "" };

function entry(invitationId: number, checkedIn: RosterEntry["checkedIn"] = null): RosterEntry {
  return {
    invitationId,
    siteId: SITE,
    status: "issued",
    tokenVersion: 1,
    name: `Khách ${invitationId}`,
    position: "",
    workplace: "",
    unitName: "",
    substituteName: null,
    phoneTail: "",
    checkedIn,
  };
}

/** Only what reconcile reads of a judge: the entries, the sites' venues and the walk-ins present. */
function judgeOf(entries: RosterEntry[], walkInsPresent = 0): DeviceJudge {
  return {
    roster: {
      sites: [
        [SITE, "Hội trường A"],
        [8, "Hội trường B"],
      ],
      walkInsPresent,
    } as unknown as DeviceJudge["roster"],
    entries,
    entry: (id) => entries.find((e) => e.invitationId === id),
    judge: () => Promise.reject(new Error("not used")),
  };
}

function okScan(nonce: string, invitationId: number, scannedAt: number, more: Partial<StoredScan> = {}): StoredScan {
  return {
    nonce,
    siteId: SITE,
    item: { type: "scan", token: "T", deviceId: "may-A", nonce, scannedAt, method: "camera" },
    shown: { verdict: "ok", invitationId, attendee } as StoredScan["shown"],
    state: "synced",
    syncedAt: scannedAt + 10,
    ...more,
  };
}

describe("reconcile", () => {
  it("a check-in the server gave to an earlier device becomes a duplicate naming that device and its site", () => {
    const judge = judgeOf([entry(1, { scannedAt: 500, deviceId: "may-B", siteId: 8 }), entry(2, { scannedAt: 2000, deviceId: "may-A", siteId: SITE })]);
    const mine = [okScan("a", 1, 1000), okScan("b", 2, 2000), okScan("c", 1, 1000, { undone: true }), okScan("d", 1, 1000, { state: "queued" })];
    const changed = takenOver(mine, judge);
    expect(changed.map((s) => s.nonce)).toEqual(["a"]);
    expect(changed[0].serverResult).toEqual({
      verdict: "duplicate",
      invitationId: 1,
      attendee,
      firstCheckIn: { scannedAt: new Date(500).toISOString(), deviceId: "may-B", siteVenue: "Hội trường B" },
    });
  });

  it("knows the earliest check-in per guest, and forgets one the server removed after it was synced", () => {
    const judge = judgeOf([entry(1), entry(2, { scannedAt: 50, deviceId: "may-A", siteId: SITE })]);
    const scans = [
      okScan("late", 2, 300),
      okScan("early", 2, 100),
      okScan("gone", 1, 100, { syncedAt: 150 }),
      okScan("new", 3, 400, { state: "queued", syncedAt: undefined }),
    ];
    const seen = seenCheckIns(scans, { siteId: SITE, judge, rosterRequestedAt: 200, scannerName: "Trần B" });
    expect([...seen.keys()].sort()).toEqual([2, 3]);
    expect(seen.get(2)).toEqual({ scannedAt: 100, deviceId: "may-A", siteId: SITE, scannerName: "Trần B" });
  });

  it("lists rejected scans and those the server judged otherwise, newest sync first, at most 20", () => {
    const scans = [
      okScan("same", 1, 1),
      okScan("dup", 2, 2, { syncedAt: 30, serverResult: { verdict: "duplicate", invitationId: 2 } }),
      okScan("bad", 3, 3, { state: "rejected", syncedAt: 40, rejection: "Lỗi", retryable: true }),
      ...Array.from({ length: 25 }, (_, i) => okScan(`r${i}`, 10 + i, 1, { state: "rejected", syncedAt: 1 })),
    ];
    const conflicts = syncConflicts(scans);
    expect(conflicts).toHaveLength(20);
    expect(conflicts.slice(0, 2)).toEqual([
      { nonce: "bad", name: "Nguyễn Văn A", shown: "ok", server: { verdict: "unknown" }, scannedAt: 3, rejection: "Lỗi", retryable: true },
      { nonce: "dup", name: "Nguyễn Văn A", shown: "ok", server: { verdict: "duplicate", invitationId: 2 }, scannedAt: 2 },
    ]);
  });

  it("counts the present: checked in on the roster or on this device, walk-ins of the roster and of this device not yet in it", () => {
    const judge = judgeOf([entry(1, { scannedAt: 5, deviceId: "may-B", siteId: SITE }), entry(2), entry(3)], 4);
    const walkIn = (nonce: string, state: StoredScan["state"], syncedAt?: number): StoredScan => ({
      nonce,
      siteId: SITE,
      item: { type: "walk_in", fullName: "Khách", position: "", workplace: "", deviceId: "may-A", nonce, scannedAt: 1 },
      shown: { verdict: "walk_in", name: "Khách" },
      state,
      syncedAt,
    });
    const scans = [walkIn("w1", "queued"), walkIn("w2", "synced", 50), walkIn("w3", "synced", 500)];
    const seen = new Map([[2, { scannedAt: 1, deviceId: "may-A", siteId: SITE }]]);
    expect(presentCount(scans, judge, { siteId: SITE, seen, rosterFetchedAt: 100 })).toEqual({ invited: 3, present: 2 + 4 + 2 });
  });

  it("an undo marks every check-in of that guest on this device as undone", () => {
    const scans = [okScan("a", 1, 1), okScan("b", 2, 1), okScan("c", 1, 2, { serverResult: { verdict: "duplicate", invitationId: 1 } })];
    expect(undoneFor(scans, 1).map((s) => [s.nonce, s.undone])).toEqual([["a", true]]);
  });
});
