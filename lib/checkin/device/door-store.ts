/**
 * The door device's durable storage (IndexedDB through `idb`, browser only): each site's
 * roster, and every scan made on this device with its nonce, device time and
 * verdicts. A scan stays "queued" until the server has recorded it; a reload,
 * a crash or a dead battery loses nothing that was shown as checked in.
 *
 * The schema has versions (docs/decisions/0029-offline-store-and-service-worker.md). A device
 * may hold queued scans made by an older version of this code when the new one arrives, so an
 * upgrade only ever adds what its version adds, in order, inside the browser's upgrade
 * transaction: nothing already stored is dropped or rewritten. Another tab still running the
 * old code holds the old version open: this one then waits ("blocked", said to the door staff
 * in words) and the queue stays as it is. A tab of this code that is asked to make way for a
 * newer version closes its connection at once ("versionchange") and its page reloads.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OfflineRoster } from "@/lib/checkin/shared/roster-format";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";

export const DB_NAME = "quan-triet-door";
/**
 * 1: rosters by site; scans by nonce, indexed by site and by state.
 * 2: scans also indexed by state and device time ("byStateTime"): the queue is read oldest first.
 */
export const DB_VERSION = 2;

export type QueuedItem =
  | { type: "scan"; token?: string; invitationId?: number; deviceId: string; nonce: string; scannedAt: number; method: "camera" | "hardware" | "manual" }
  | { type: "walk_in"; fullName: string; position: string; workplace: string; deviceId: string; nonce: string; scannedAt: number };

export interface StoredScan {
  nonce: string;
  siteId: number;
  item: QueuedItem;
  /** What the door showed when it was made (the device's verdict if offline, the server's if online). */
  shown: ScanResult | { verdict: "walk_in"; name: string };
  state: "queued" | "synced" | "rejected";
  /** After sync: the server's answer, when it differs from what was shown. */
  serverResult?: ScanResult;
  rejection?: string;
  /** Rejected because the server failed on it (not because it was invalid): the door staff may send it again. */
  retryable?: boolean;
  syncedAt?: number;
  /** Undone at the door afterwards: no longer a check-in. */
  undone?: boolean;
}

export interface StoredRoster {
  siteId: number;
  roster: OfflineRoster;
  /** Device time of the download. */
  fetchedAt: number;
  /** Device time the download was asked for: every scan synced before it is in the roster, or was undone since. */
  requestedAt?: number;
}

interface DoorDb extends DBSchema {
  rosters: { key: number; value: StoredRoster };
  scans: {
    key: string;
    value: StoredScan;
    indexes: { bySite: number; byState: string; byStateTime: [string, number] };
  };
}

/**
 * What the store tells the page about its connection: "blocked" — another tab keeps an older
 * version open, so this one waits (the queue is untouched); "open" — ready (after a wait too);
 * "replaced" — a newer version of the app asked for the database, this connection is closed and
 * the page should reload to run the new code; "outdated" — the database on this device is newer
 * than this page's code (a reload brings the new code).
 */
export type StoreEvent = "blocked" | "open" | "replaced" | "outdated";
const listeners = new Set<(event: StoreEvent) => void>();
export function onStoreEvent(listener: (event: StoreEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const tell = (event: StoreEvent) => listeners.forEach((listener) => listener(event));

let opening: Promise<IDBPDatabase<DoorDb>> | undefined;

function open(): Promise<IDBPDatabase<DoorDb>> {
  return (opening ??= openDB<DoorDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      // Each case adds what its version adds, and falls through to the next: a device on version
      // 1 gets only version 2's index; its stores, and the scans in them, stay as they are.
      switch (oldVersion) {
        case 0: {
          db.createObjectStore("rosters", { keyPath: "siteId" });
          const scans = db.createObjectStore("scans", { keyPath: "nonce" });
          scans.createIndex("bySite", "siteId");
          scans.createIndex("byState", "state");
        }
        // falls through
        case 1:
          transaction.objectStore("scans").createIndex("byStateTime", ["state", "item.scannedAt"]);
      }
    },
    blocked() {
      tell("blocked");
    },
    blocking() {
      // A newer version is waiting for this connection. Close it (transactions under way finish
      // first), so that it can open; this page's code is the old one: the page reloads.
      void opening?.then((db) => db.close());
      opening = undefined;
      tell("replaced");
    },
    terminated() {
      // The browser closed the connection (storage cleared, disk error): the next call opens again.
      opening = undefined;
    },
  }).then(
    (db) => {
      tell("open");
      return db;
    },
    (error: unknown) => {
      opening = undefined;
      if (error instanceof DOMException && error.name === "VersionError") tell("outdated");
      throw error;
    },
  ));
}

/** Durable transactions: a write resolves once it is on disk, not when the request succeeds. */
const STRICT = { durability: "strict" } as const;

export async function saveRoster(roster: StoredRoster): Promise<void> {
  const tx = (await open()).transaction("rosters", "readwrite", STRICT);
  await Promise.all([tx.store.put(roster), tx.done]);
}

export async function loadRoster(siteId: number): Promise<StoredRoster | undefined> {
  return (await open()).get("rosters", siteId);
}

export async function saveScan(scan: StoredScan): Promise<void> {
  await saveScans([scan]);
}

export async function saveScans(scans: StoredScan[]): Promise<void> {
  const tx = (await open()).transaction("scans", "readwrite", STRICT);
  await Promise.all([...scans.map((scan) => tx.store.put(scan)), tx.done]);
}

export async function scansOfSite(siteId: number): Promise<StoredScan[]> {
  return (await open()).getAllFromIndex("scans", "bySite", siteId);
}

/** Every queued scan of every site, oldest device time first. */
export async function queuedScans(): Promise<StoredScan[]> {
  return (await open()).getAllFromIndex("scans", "byStateTime", IDBKeyRange.bound(["queued", -Infinity], ["queued", Infinity]));
}
