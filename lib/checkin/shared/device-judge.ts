/**
 * The door device's own judge, for scans made with the network down: the
 * shared rules (verdict.ts) on the downloaded roster, with signatures checked
 * by WebCrypto's Ed25519 (the browser's, or Node's in the unit tests).
 * Runs in the browser; imports nothing from the server.
 */
import { normalizeToken } from "@/lib/tokens/normalize-token";
import { parseToken, type TokenPayload } from "@/lib/tokens/token-format";
import { rosterEntry, type OfflineRoster, type RosterEntry } from "./roster-format";
import { describeWindow, type ScanResult } from "./scan-result";
import { decideVerdict, keysInOrder, type Evidence, type FirstCheckIn } from "./verdict";

export interface DeviceScan {
  token?: string;
  invitationId?: number;
  /** Device time, ms. */
  scannedAt: number;
}

export interface DeviceJudge {
  roster: OfflineRoster;
  entries: RosterEntry[];
  entry(invitationId: number): RosterEntry | undefined;
  /**
   * The verdict, as the server would give it. `seen` holds the check-ins this
   * device made since the roster was downloaded (they count as duplicates too).
   */
  judge(scan: DeviceScan, seen: ReadonlyMap<number, FirstCheckIn>): Promise<ScanResult>;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function createDeviceJudge(roster: OfflineRoster, subtle: SubtleCrypto = globalThis.crypto.subtle): DeviceJudge {
  const entries = roster.invitations.map((row) => rosterEntry(roster, row));
  const byId = new Map(entries.map((e) => [e.invitationId, e]));
  const venues = new Map(roster.sites);
  const others = new Map((roster.others ?? []).map(([id, title, startsAt, endsAt, unitName, venue]) => [id, { title, startsAt, endsAt, unitName, venue }]));
  let keys: Promise<CryptoKey[]> | undefined;
  const importedKeys = () =>
    (keys ??= Promise.all(
      keysInOrder(roster.keys, roster.site.campaignId).map((k) => subtle.importKey("raw", fromBase64(k.publicKeyRaw), { name: "Ed25519" }, false, ["verify"])),
    ));

  /** As the server does (record-scan.ts): the scan counts only if exactly one reading of the text is signed. */
  async function evidenceFor(scan: DeviceScan): Promise<Evidence> {
    if (scan.invitationId) return { kind: "chosen", invitationId: scan.invitationId };
    const readings = normalizeToken(scan.token ?? "");
    const shaped = readings.map(parseToken).filter((parsed) => parsed.ok);
    if (shaped.length === 0) return { kind: "unreadable" };
    const authentic: TokenPayload[] = [];
    for (const parsed of shaped) {
      for (const key of await importedKeys()) {
        if (await subtle.verify({ name: "Ed25519" }, key, parsed.signature as Uint8Array<ArrayBuffer>, parsed.body as Uint8Array<ArrayBuffer>)) {
          authentic.push(parsed.payload);
          break;
        }
      }
    }
    if (authentic.length === 1) return { kind: "signed", payload: authentic[0] };
    return { kind: authentic.length === 0 && readings.length === 1 ? "forged" : "unreadable" };
  }

  return {
    roster,
    entries,
    entry: (id) => byId.get(id),
    async judge(scan, seen) {
      const evidence = await evidenceFor(scan);
      const decision = decideVerdict(
        evidence,
        {
          site: roster.site,
          onlyThisSite: true,
          invitation: (id) => {
            const e = byId.get(id);
            return e && { id: e.invitationId, conferenceId: roster.site.conferenceId, siteId: e.siteId, status: e.status, tokenVersion: e.tokenVersion };
          },
          firstCheckIn: (id) => {
            const known: FirstCheckIn | null = byId.get(id)?.checkedIn ?? null;
            const mine = seen.get(id) ?? null;
            if (!known || !mine) return known ?? mine;
            return mine.scannedAt < known.scannedAt ? mine : known;
          },
        },
        scan.scannedAt,
      );
      const result: ScanResult = { verdict: decision.verdict };
      const entry = decision.invitationId ? byId.get(decision.invitationId) : undefined;
      if (entry) {
        result.invitationId = entry.invitationId;
        result.attendee = {
          name: entry.name,
          position: entry.position,
          workplace: entry.workplace,
          unitName: entry.unitName,
          substituteName: entry.substituteName,
        };
      }
      if (decision.verdict === "ok") result.checkIn = { scannedAt: new Date(scan.scannedAt).toISOString(), isLate: decision.isLate ?? false };
      if (decision.first) {
        const { scannedAt, deviceId, siteId, scannerName } = decision.first;
        result.firstCheckIn = {
          scannedAt: new Date(scannedAt).toISOString(),
          deviceId,
          siteVenue: venues.get(siteId) ?? "",
          ...(scannerName ? { scannerName } : {}),
        };
      }
      if (decision.expectedSiteId) result.expectedSite = { id: decision.expectedSiteId, venue: venues.get(decision.expectedSiteId) ?? "" };
      const other = decision.otherConferenceId ? others.get(decision.otherConferenceId) : undefined;
      if (other) {
        result.otherConference = {
          title: other.title,
          startsAt: new Date(other.startsAt).toISOString(),
          endsAt: new Date(other.endsAt).toISOString(),
          unitName: other.unitName,
          venue: other.venue,
        };
      }
      if (decision.window) result.window = describeWindow(decision.window);
      return result;
    },
  };
}
