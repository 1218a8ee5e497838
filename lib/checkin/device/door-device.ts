/**
 * A door device at one site, online or not (docs/decisions/0009-offline-door.md).
 *
 * Every scan is judged on the device at once (device-judge.ts, the server's own
 * rules on the downloaded roster). While the network works the server's answer
 * is shown instead; when a request fails or takes longer than ONLINE_TIMEOUT_MS
 * the device goes offline by itself, shows its own verdict and queues the scan
 * in IndexedDB. A probe notices when the network is back and the queue is sent
 * in batches (POST /api/checkin/batch, idempotent by nonce). Differences between
 * what was shown and what the server decided are kept for the door staff to see.
 *
 * This module holds the device's state and its timing (probe, roster refresh, drain); how it
 * talks to the server is in transport.ts, how the queue is sent and answered in sync-queue.ts,
 * what its scans and the roster say together in reconcile.ts, storage in door-store.ts.
 *
 * Plain TypeScript with subscribe/getSnapshot, for React's useSyncExternalStore.
 */
import { createDeviceJudge, type DeviceJudge } from "@/lib/checkin/shared/device-judge";
import type { OfflineRoster } from "@/lib/checkin/shared/roster-format";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";
import type { FirstCheckIn } from "@/lib/checkin/shared/verdict";
import {
  loadRoster,
  onStoreEvent,
  queuedScans,
  saveRoster,
  saveScan,
  saveScans,
  scansOfSite,
  type QueuedItem,
  type StoredScan,
  type StoreEvent,
} from "./door-store";
import { presentCount, seenCheckIns, syncConflicts, takenOver, undoneFor, type SyncConflict } from "./reconcile";
import { nextBatch, sendBatch } from "./sync-queue";
import { deviceId, ONLINE_TIMEOUT_MS, postJson, refusalMessage, request } from "./transport";

export { deviceId, ONLINE_TIMEOUT_MS } from "./transport";
export type { SyncConflict } from "./reconcile";

const PROBE_EVERY_MS = 4000;
const ROSTER_REFRESH_MS = 60_000;

export interface DoorState {
  /** This device's name in the logs (kept in localStorage). */
  deviceId: string;
  connection: "online" | "offline";
  sessionExpired: boolean;
  rosterReady: boolean;
  rosterFetchedAt: number | null;
  rosterError: boolean;
  queued: number;
  syncing: boolean;
  /** The server refused the queue (e.g. the account is no longer assigned here): the scans are kept. */
  syncRefusal: string | null;
  lastSyncAt: number | null;
  conflicts: SyncConflict[];
  present: number;
  invited: number;
  /**
   * The device's storage: "blocked" while another tab keeps an older version of it open (this
   * page waits, the queue is kept); "replaced" when a newer version of the app took it over (the
   * page reloads); "outdated" when it is newer than this page's code (a reload brings the new code).
   */
  store: "ready" | Exclude<StoreEvent, "open">;
}

export type DoorAnswer =
  { kind: "result"; result: ScanResult; offline: boolean } | { kind: "walk_in"; name: string; offline: boolean } | { kind: "error"; message: string };

type Messages = { networkError: string; sessionExpired: string; noRoster: string };
/** Who is scanning on this device (the signed-in cadre's full name): the duplicate verdict names them offline too. */
type Options = { scannerName?: string };

export class DoorDevice {
  private state: DoorState;
  private listeners = new Set<() => void>();
  private judge: DeviceJudge | null = null;
  private rosterFetchedAt = 0;
  private rosterRequestedAt = 0;
  private scans = new Map<string, StoredScan>();
  private timers: ReturnType<typeof setTimeout>[] = [];
  private draining = false;
  private stopped = false;
  private unsubscribeStore: (() => void) | null = null;

  constructor(
    readonly siteId: number,
    private readonly messages: Messages,
    private readonly options: Options = {},
  ) {
    this.state = {
      deviceId: "",
      connection: typeof navigator !== "undefined" && navigator.onLine === false ? "offline" : "online",
      sessionExpired: false,
      rosterReady: false,
      rosterFetchedAt: null,
      rosterError: false,
      queued: 0,
      syncing: false,
      syncRefusal: null,
      lastSyncAt: null,
      conflicts: [],
      present: 0,
      invited: 0,
      store: "ready",
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = () => this.state;

  private set(patch: Partial<DoorState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** The roster's entries, for the manual search (null until a roster is loaded). */
  get roster(): DeviceJudge | null {
    return this.judge;
  }

  /** When the guest was checked in, as far as this device knows (roster or its own scans), or null. */
  checkInOf(invitationId: number): number | null {
    const known = this.judge?.entry(invitationId)?.checkedIn?.scannedAt ?? null;
    const mine = this.seen().get(invitationId)?.scannedAt ?? null;
    return known === null ? mine : mine === null ? known : Math.min(known, mine);
  }

  async start() {
    this.set({ deviceId: deviceId() });
    this.unsubscribeStore = onStoreEvent((event) => this.set({ store: event === "open" ? "ready" : event }));
    window.addEventListener("online", this.onBrowserOnline);
    window.addEventListener("offline", this.onBrowserOffline);
    const [stored, scans] = await Promise.all([loadRoster(this.siteId), scansOfSite(this.siteId)]);
    for (const scan of scans) this.scans.set(scan.nonce, scan);
    if (stored) this.useRoster(stored.roster, stored.fetchedAt, stored.requestedAt ?? 0);
    await this.recount();
    if (this.stopped) return;
    if (this.state.connection === "online") void this.refreshRoster().then(() => this.drain());
    else this.scheduleProbe();
    this.schedule(() => this.periodicRefresh(), ROSTER_REFRESH_MS);
  }

  stop() {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    this.unsubscribeStore?.();
    window.removeEventListener("online", this.onBrowserOnline);
    window.removeEventListener("offline", this.onBrowserOffline);
  }

  private schedule(fn: () => void, ms: number) {
    if (!this.stopped) this.timers.push(setTimeout(fn, ms));
  }

  private onBrowserOnline = () => void this.probe();
  private onBrowserOffline = () => this.goOffline();

  private goOffline() {
    if (this.state.connection === "offline") return;
    this.set({ connection: "offline" });
    this.scheduleProbe();
  }

  private goOnline() {
    if (this.state.connection === "online") return;
    this.set({ connection: "online" });
    void this.drain().then(() => this.refreshRoster());
  }

  private scheduleProbe() {
    this.schedule(() => void this.probe(), PROBE_EVERY_MS);
  }

  /** Is the server reachable? Cheap, and never cached. */
  private async probe() {
    if (this.stopped || this.state.connection === "online") return;
    try {
      const response = await request("/api/health", {}, ONLINE_TIMEOUT_MS);
      if (response.ok) return this.goOnline();
    } catch {
      // still offline
    }
    this.scheduleProbe();
  }

  private periodicRefresh() {
    if (this.state.connection === "online") void this.refreshRoster().then(() => this.drain());
    this.schedule(() => this.periodicRefresh(), ROSTER_REFRESH_MS);
  }

  private useRoster(roster: OfflineRoster, fetchedAt: number, requestedAt: number) {
    this.judge = createDeviceJudge(roster);
    this.rosterFetchedAt = fetchedAt;
    this.rosterRequestedAt = requestedAt;
    this.set({ rosterReady: true, rosterFetchedAt: fetchedAt, rosterError: false });
  }

  async refreshRoster() {
    try {
      const requestedAt = Date.now();
      const response = await request(`/api/sites/${this.siteId}/roster`, {}, 15_000);
      if (response.status === 401) return this.set({ sessionExpired: true });
      if (!response.ok) return this.set({ rosterError: !this.judge });
      const roster = (await response.json()) as OfflineRoster;
      const fetchedAt = Date.now();
      await saveRoster({ siteId: this.siteId, roster, fetchedAt, requestedAt });
      this.useRoster(roster, fetchedAt, requestedAt);
      this.set({ sessionExpired: false });
      await this.reconcile();
      await this.recount();
    } catch {
      if (!this.judge) this.set({ rosterError: true });
    }
  }

  /** Check-ins this device made that the server gave to an earlier device since: shown as duplicates among the sync results. */
  private async reconcile() {
    if (!this.judge) return;
    const changed = takenOver(this.scans.values(), this.judge);
    for (const scan of changed) this.scans.set(scan.nonce, scan);
    if (changed.length > 0) await saveScans(changed);
  }

  /** Check-ins this device knows of at this site (reconcile.ts, seenCheckIns). */
  private seen(): Map<number, FirstCheckIn> {
    return seenCheckIns(this.scans.values(), {
      siteId: this.siteId,
      judge: this.judge,
      rosterRequestedAt: this.rosterRequestedAt,
      scannerName: this.options.scannerName,
    });
  }

  private async recount() {
    const queued = (await queuedScans()).length;
    const conflicts = syncConflicts(this.scans.values());
    if (!this.judge) return this.set({ queued, conflicts });
    const counts = presentCount([...this.scans.values()], this.judge, { siteId: this.siteId, seen: this.seen(), rosterFetchedAt: this.rosterFetchedAt });
    this.set({ queued, conflicts, ...counts });
  }

  private async remember(scan: StoredScan) {
    this.scans.set(scan.nonce, scan);
    await saveScan(scan);
    await this.recount();
  }

  /**
   * Sends a scan or a walk-in while online. "answered": the server recorded it (its body);
   * "refused": the server said no (403, 429…: shown, not queued); "offline": no answer,
   * a 5xx or an expired session — the caller keeps it for the queue.
   */
  private async sendLive(
    url: string,
    item: QueuedItem,
  ): Promise<{ kind: "answered"; body: unknown } | { kind: "refused"; answer: DoorAnswer } | { kind: "offline" }> {
    if (this.state.connection !== "online") return { kind: "offline" };
    try {
      const response = await postJson(url, { ...item, siteId: this.siteId });
      if (response.ok) return { kind: "answered", body: await response.json() };
      if (response.status < 500 && response.status !== 401) {
        return { kind: "refused", answer: { kind: "error", message: (await refusalMessage(response)) ?? this.messages.networkError } };
      }
      if (response.status === 401) this.set({ sessionExpired: true });
      else this.goOffline();
    } catch {
      this.goOffline();
    }
    return { kind: "offline" };
  }

  /** A scanned token, or a guest chosen from the roster by hand. */
  async scan(what: { token: string } | { invitationId: number }, method: "camera" | "hardware" | "manual"): Promise<DoorAnswer> {
    const item: QueuedItem = { type: "scan", ...what, deviceId: deviceId(), nonce: crypto.randomUUID(), scannedAt: Date.now(), method };
    const local = this.judge ? this.judge.judge(item, this.seen()) : null;
    const live = await this.sendLive("/api/checkin", item);
    if (live.kind === "refused") return live.answer;
    if (live.kind === "answered") {
      const result = live.body as ScanResult;
      // The server has recorded it: the verdict is shown at once and the device's copy written
      // after (in memory now, for duplicates and the count; IndexedDB's durable write took up to
      // ~150 ms of the time to the verdict, measured by `npm run bench:camera`). A scan the
      // server has not answered is still written before its verdict is shown (below).
      void this.remember({ nonce: item.nonce, siteId: this.siteId, item, shown: result, state: "synced", syncedAt: Date.now() }).catch(() => undefined);
      return { kind: "result", result, offline: false };
    }
    if (!local) return { kind: "error", message: this.messages.noRoster };
    const result = await local;
    await this.remember({ nonce: item.nonce, siteId: this.siteId, item, shown: result, state: "queued" });
    return { kind: "result", result, offline: true };
  }

  async walkIn(person: { fullName: string; position: string; workplace: string }): Promise<DoorAnswer> {
    const item: QueuedItem = { type: "walk_in", ...person, deviceId: deviceId(), nonce: crypto.randomUUID(), scannedAt: Date.now() };
    const shown = { verdict: "walk_in" as const, name: person.fullName };
    const live = await this.sendLive("/api/checkin/walk-in", item);
    if (live.kind === "refused") return live.answer;
    const offline = live.kind === "offline";
    await this.remember({
      nonce: item.nonce,
      siteId: this.siteId,
      item,
      shown,
      state: offline ? "queued" : "synced",
      ...(offline ? {} : { syncedAt: Date.now() }),
    });
    return { kind: "walk_in", name: person.fullName, offline };
  }

  /** After an undo on the server: this device's earlier check-in of the guest no longer counts. */
  async forget(invitationId: number) {
    const changed = undoneFor(this.scans.values(), invitationId);
    for (const scan of changed) this.scans.set(scan.nonce, scan);
    await saveScans(changed);
    await this.refreshRoster();
  }

  /** A scan the server failed to record, queued again at the door staff's request and sent. */
  async retry(nonce: string) {
    const scan = this.scans.get(nonce);
    if (!scan || scan.state !== "rejected" || !scan.retryable) return;
    const queued: StoredScan = { ...scan, state: "queued", rejection: undefined, retryable: undefined, syncedAt: undefined };
    await this.remember(queued);
    await this.drain();
  }

  /** Sends every queued scan of every site, oldest first, in batches. */
  async drain() {
    if (this.draining || this.state.connection !== "online" || this.state.sessionExpired) return;
    this.draining = true;
    this.set({ syncing: true });
    try {
      for (;;) {
        const next = nextBatch(await queuedScans());
        if (!next) break;
        const answer = await sendBatch(next.siteId, next.batch);
        if (answer.kind === "session_expired") {
          this.set({ sessionExpired: true });
          break;
        }
        // Keep the scans. A server error is a network problem; a refusal (403/404) is said, and sync retried later.
        if (answer.kind === "server_error") {
          this.goOffline();
          break;
        }
        if (answer.kind === "refused") {
          this.set({ syncRefusal: answer.message ?? this.messages.networkError });
          break;
        }
        this.set({ syncRefusal: null });
        await saveScans(answer.updated);
        for (const scan of answer.updated) if (scan.siteId === this.siteId) this.scans.set(scan.nonce, scan);
        this.set({ lastSyncAt: answer.at });
        await this.recount();
      }
    } catch {
      this.goOffline();
    } finally {
      this.draining = false;
      this.set({ syncing: false });
      await this.recount();
    }
  }
}
