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
 * Plain TypeScript with subscribe/getSnapshot, for React's useSyncExternalStore.
 */
import { createDeviceJudge, type DeviceJudge } from "@/lib/checkin/shared/device-judge";
import type { OfflineRoster } from "@/lib/checkin/shared/roster-format";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";
import type { FirstCheckIn } from "@/lib/checkin/shared/verdict";
import { loadRoster, queuedScans, saveRoster, saveScan, saveScans, scansOfSite, type QueuedItem, type StoredScan } from "./door-store";

/** A request slower than this counts as a dropped network: the device answers itself. */
export const ONLINE_TIMEOUT_MS = 2500;
const PROBE_EVERY_MS = 4000;
const ROSTER_REFRESH_MS = 60_000;
const BATCH_SIZE = 200;

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
}

export type DoorAnswer =
  { kind: "result"; result: ScanResult; offline: boolean } | { kind: "walk_in"; name: string; offline: boolean } | { kind: "error"; message: string };

type Messages = { networkError: string; sessionExpired: string; noRoster: string };
/** Who is scanning on this device (the signed-in cadre's full name): the duplicate verdict names them offline too. */
type Options = { scannerName?: string };

async function request(url: string, init: RequestInit = {}, timeout = ONLINE_TIMEOUT_MS): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    return await fetch(url, { ...init, signal: controller.signal, cache: "no-store" });
  } finally {
    clearTimeout(timer);
  }
}

const postJson = (url: string, body: unknown, timeout?: number) =>
  request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, timeout);

export function deviceId(): string {
  const key = "quan-triet-device";
  let id = localStorage.getItem(key);
  if (!id) {
    id = `may-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    localStorage.setItem(key, id);
  }
  return id;
}

const shownVerdict = (scan: StoredScan) => scan.shown.verdict;
const finalVerdict = (scan: StoredScan) => (scan.serverResult ?? scan.shown).verdict;

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

  /**
   * A check-in this device made that the server later gave to another device
   * with an earlier time (two devices offline, one letter): shown as a duplicate
   * among the sync results, so the door staff learn of it.
   */
  private async reconcile() {
    if (!this.judge) return;
    const venues = new Map(this.judge.roster.sites);
    const changed: StoredScan[] = [];
    for (const scan of this.scans.values()) {
      const result = scan.serverResult ?? scan.shown;
      if (scan.undone || scan.state !== "synced" || scan.item.type !== "scan" || result.verdict !== "ok" || !("invitationId" in result) || !result.invitationId)
        continue;
      const first = this.judge.entry(result.invitationId)?.checkedIn;
      if (!first || first.scannedAt >= scan.item.scannedAt) continue;
      const firstCheckIn = { scannedAt: new Date(first.scannedAt).toISOString(), deviceId: first.deviceId, siteVenue: venues.get(first.siteId) ?? "" };
      const updated: StoredScan = {
        ...scan,
        serverResult: { verdict: "duplicate", invitationId: result.invitationId, attendee: result.attendee, firstCheckIn },
      };
      this.scans.set(scan.nonce, updated);
      changed.push(updated);
    }
    if (changed.length > 0) await saveScans(changed);
  }

  /**
   * Check-ins this device made (or was told of) at this site, for duplicates and the count. A
   * check-in the server recorded before the roster was asked for, which the roster no longer has,
   * was removed on the server since (undone at another device, or the practice conference opened
   * again): it no longer counts here either.
   */
  private seen(): Map<number, FirstCheckIn> {
    const seen = new Map<number, FirstCheckIn>();
    for (const scan of this.scans.values()) {
      const result = scan.serverResult ?? scan.shown;
      if (scan.undone || scan.item.type !== "scan" || result.verdict !== "ok" || !("invitationId" in result) || !result.invitationId) continue;
      if (scan.state === "synced" && (scan.syncedAt ?? Infinity) < this.rosterRequestedAt && this.judge?.entry(result.invitationId)?.checkedIn === null)
        continue;
      const previous = seen.get(result.invitationId);
      if (!previous || scan.item.scannedAt < previous.scannedAt) {
        seen.set(result.invitationId, {
          scannedAt: scan.item.scannedAt,
          deviceId: scan.item.deviceId,
          siteId: this.siteId,
          ...(this.options.scannerName ? { scannerName: this.options.scannerName } : {}),
        });
      }
    }
    return seen;
  }

  private async recount() {
    const queued = (await queuedScans()).length;
    const conflicts = [...this.scans.values()]
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
    if (!this.judge) return this.set({ queued, conflicts });
    const mine = this.judge.entries.filter((e) => e.siteId === this.siteId && e.status === "issued");
    const seen = this.seen();
    const present = mine.filter((e) => e.checkedIn || seen.has(e.invitationId)).length;
    const localWalkIns = [...this.scans.values()].filter(
      (s) => s.item.type === "walk_in" && (s.state === "queued" || (s.syncedAt ?? 0) > this.rosterFetchedAt),
    ).length;
    this.set({ queued, conflicts, invited: mine.length, present: present + this.judge.roster.walkInsPresent + localWalkIns });
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
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        return { kind: "refused", answer: { kind: "error", message: body.message ?? this.messages.networkError } };
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
    const changed: StoredScan[] = [];
    for (const scan of this.scans.values()) {
      const result = scan.serverResult ?? scan.shown;
      if (finalVerdict(scan) === "ok" && "invitationId" in result && result.invitationId === invitationId) {
        const undone = { ...scan, undone: true };
        this.scans.set(scan.nonce, undone);
        changed.push(undone);
      }
    }
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
        const queued = (await queuedScans()).sort((a, b) => a.item.scannedAt - b.item.scannedAt);
        if (queued.length === 0) break;
        const siteId = queued[0].siteId;
        const batch = queued.filter((s) => s.siteId === siteId).slice(0, BATCH_SIZE);
        const response = await postJson("/api/checkin/batch", { siteId, items: batch.map((s) => s.item) }, 30_000);
        if (response.status === 401) {
          this.set({ sessionExpired: true });
          break;
        }
        if (!response.ok) {
          // Keep the scans. A server error is a network problem; a refusal (403/404) is said, and sync retried later.
          if (response.status >= 500) this.goOffline();
          else this.set({ syncRefusal: ((await response.json().catch(() => ({}))) as { message?: string }).message ?? this.messages.networkError });
          break;
        }
        this.set({ syncRefusal: null });
        const { results } = (await response.json()) as {
          results: ({ nonce: string | null; ok: true; result?: ScanResult } | { nonce: string | null; ok: false; error: string; message: string })[];
        };
        const now = Date.now();
        // A rejected item leaves the queue and stays in the sync results with its reason; one the
        // server failed on ("failed") can be sent again by hand (retry), never resent by itself.
        const updated = batch.map((scan, i): StoredScan => {
          const outcome = results[i];
          if (!outcome?.ok) return { ...scan, state: "rejected", rejection: outcome?.message ?? "", retryable: outcome?.error === "failed", syncedAt: now };
          const differs = outcome.result && outcome.result.verdict !== scan.shown.verdict;
          return { ...scan, state: "synced", syncedAt: now, ...(differs ? { serverResult: outcome.result } : {}) };
        });
        await saveScans(updated);
        for (const scan of updated) if (scan.siteId === this.siteId) this.scans.set(scan.nonce, scan);
        this.set({ lastSyncAt: now });
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
