/**
 * The roster a door device downloads for one site (GET /api/sites/{id}/roster)
 * and keeps in IndexedDB to judge scans with the network down. Read by the
 * server (offline-roster.ts builds it) and the browser (device-judge.ts reads it).
 *
 * Invitations are tuples, not objects, to keep 500 invitees well under 100 KB
 * compressed (measured in docs/benchmarks.md). It holds no tokens: the device
 * verifies a token's signature with the campaign's public key instead.
 */
import type { DoorSite } from "./verdict";

export const ROSTER_FORMAT = 1;

/**
 * One invitation of the conference (issued or revoked; drafts are left out):
 * [id, siteId, status ("i" issued, "r" revoked), tokenVersion, name, position, workplace,
 *  unit index into `units`, substitute name ("" if none), phone digits ("" if none),
 *  checked in at (ms, 0 if not), checked in by device ("" if not), checked in at site (0 if not)]
 */
export type RosterRow = [number, number, "i" | "r", number, string, string, string, number, string, string, number, string, number];

export interface OfflineRoster {
  format: typeof ROSTER_FORMAT;
  /** Server time the roster was made (ms). */
  generatedAt: number;
  site: DoorSite & { venue: string; title: string; campaignId: number; endsAt: number };
  /** Every site of the conference: [id, venue]. */
  sites: [number, string][];
  units: string[];
  /** Every campaign's Ed25519 public key (raw 32 bytes, base64): a letter of another campaign is recognised as such. */
  keys: { campaignId: number; publicKeyRaw: string }[];
  invitations: RosterRow[];
  /** Walk-ins already checked in at this site. */
  walkInsPresent: number;
}

export interface RosterEntry {
  invitationId: number;
  siteId: number;
  status: "issued" | "revoked";
  tokenVersion: number;
  name: string;
  position: string;
  workplace: string;
  unitName: string;
  substituteName: string | null;
  phoneDigits: string;
  checkedIn: { scannedAt: number; deviceId: string; siteId: number } | null;
}

export function rosterEntry(roster: Pick<OfflineRoster, "units">, row: RosterRow): RosterEntry {
  const [invitationId, siteId, status, tokenVersion, name, position, workplace, unit, substitute, phoneDigits, checkedAt, device, checkedSite] = row;
  return {
    invitationId,
    siteId,
    status: status === "r" ? "revoked" : "issued",
    tokenVersion,
    name,
    position,
    workplace,
    unitName: roster.units[unit] ?? "",
    substituteName: substitute || null,
    phoneDigits,
    checkedIn: checkedAt ? { scannedAt: checkedAt, deviceId: device, siteId: checkedSite } : null,
  };
}
