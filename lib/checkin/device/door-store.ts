/**
 * The door device's durable storage (IndexedDB, browser only): each site's
 * roster, and every scan made on this device with its nonce, device time and
 * verdicts. A scan stays "queued" until the server has recorded it; a reload,
 * a crash or a dead battery loses nothing that was shown as checked in.
 */
import type { OfflineRoster } from "@/lib/checkin/shared/roster-format";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";

const DB_NAME = "quan-triet-door";
const DB_VERSION = 1;

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

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  return (opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("rosters", { keyPath: "siteId" });
      const scans = db.createObjectStore("scans", { keyPath: "nonce" });
      scans.createIndex("bySite", "siteId");
      scans.createIndex("byState", "state");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = undefined;
      reject(request.error);
    };
  }));
}

function run<T>(store: "rosters" | "scans", mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode, { durability: "strict" });
        const request = work(tx.objectStore(store));
        // Resolve once the transaction is durable, not when the request succeeds.
        tx.oncomplete = () => resolve(request ? request.result : (undefined as T));
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export const saveRoster = (roster: StoredRoster) => run("rosters", "readwrite", (s) => s.put(roster)).then(() => undefined);
export const loadRoster = (siteId: number) => run<StoredRoster | undefined>("rosters", "readonly", (s) => s.get(siteId));

export const saveScan = (scan: StoredScan) => run("scans", "readwrite", (s) => s.put(scan)).then(() => undefined);
export const scansOfSite = (siteId: number) => run<StoredScan[]>("scans", "readonly", (s) => s.index("bySite").getAll(siteId));
export const queuedScans = () => run<StoredScan[]>("scans", "readonly", (s) => s.index("byState").getAll("queued"));

export function saveScans(scans: StoredScan[]): Promise<void> {
  return run("scans", "readwrite", (s) => {
    for (const scan of scans) s.put(scan);
  });
}
