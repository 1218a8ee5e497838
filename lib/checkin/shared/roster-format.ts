/**
 * The roster a door device downloads for one site (GET /api/sites/{id}/roster)
 * and keeps in IndexedDB to judge scans with the network down. Read by the
 * server (offline-roster.ts builds it) and the browser (device-judge.ts reads it).
 *
 * Invitations are tuples, not objects, to keep 500 invitees well under 100 KB
 * compressed (measured in docs/benchmarks.md). It holds no tokens: the device
 * verifies a token's signature with the campaign's public key instead. It holds
 * this site's invitees only, and of their phone only the last four digits: a
 * lost or stolen door phone gives away as little as the door needs
 * (docs/decisions/0015).
 */
import type { DoorSite } from "./verdict";

/**
 * 2: this site's invitees only, and the phone's last four digits instead of the number (docs/decisions/0015).
 * 3: who scanned a check-in (an index into `scanners`), and `others`, the conferences this site's
 *    invitees are also invited to (the wrong-conference verdict names them; docs/decisions/0025).
 *    A format-2 roster still reads (no names, no other conferences) until the next download.
 */
export const ROSTER_FORMAT = 3;

/**
 * One invitation of this site (other sites' invitees are left out; a draft, whose letter
 * must not open the door, comes with its id only):
 * [id, siteId, status ("i" issued, "r" revoked, "d" draft), tokenVersion, name, position, workplace,
 *  unit index into `units`, substitute name ("" if none), last four digits of the phone ("" if none),
 *  checked in at (ms, 0 if not), checked in by device ("" if not), checked in at site (0 if not),
 *  checked in by whom: index into `scanners` (-1 if not, or not known)]
 */
export type RosterRow = [number, number, "i" | "r" | "d", number, string, string, string, number, string, string, number, string, number, number];

/**
 * Another conference that some invitee of this site is also invited to, for the wrong-conference
 * verdict offline: [conference id, title, starts at (ms), ends at (ms), unit name, venue (its only
 * site's, "" when it has several: the letter names the site)].
 */
export type OtherConferenceRow = [number, string, number, number, string, string];

export interface OfflineRoster {
  format: typeof ROSTER_FORMAT;
  /** Server time the roster was made (ms). */
  generatedAt: number;
  site: DoorSite & { venue: string; title: string; campaignId: number; endsAt: number };
  /** Every site of the conference: [id, venue] (venues only: where a check-in was made). */
  sites: [number, string][];
  units: string[];
  /** Full names of the door cadres who made this site's check-ins (RosterRow's last field indexes them). */
  scanners?: string[];
  /** Conferences this site's invitees are also invited to, near this one in time (OtherConferenceRow). */
  others?: OtherConferenceRow[];
  /** Every campaign's Ed25519 public key (raw 32 bytes, base64): a letter of another campaign is recognised as such. */
  keys: { campaignId: number; publicKeyRaw: string }[];
  invitations: RosterRow[];
  /** Walk-ins already checked in at this site. */
  walkInsPresent: number;
}

export interface RosterEntry {
  invitationId: number;
  siteId: number;
  status: "issued" | "revoked" | "draft";
  tokenVersion: number;
  name: string;
  position: string;
  workplace: string;
  unitName: string;
  substituteName: string | null;
  /** The phone's last four digits, to tell namesakes apart at the door ("" if none). */
  phoneTail: string;
  checkedIn: { scannedAt: number; deviceId: string; siteId: number; scannerName?: string } | null;
}

export function rosterEntry(roster: Pick<OfflineRoster, "units" | "scanners">, row: RosterRow): RosterEntry {
  const [invitationId, siteId, status, tokenVersion, name, position, workplace, unit, substitute, phoneTail, checkedAt, device, checkedSite, scanner] = row;
  const scannerName = scanner !== undefined && scanner >= 0 ? roster.scanners?.[scanner] : undefined;
  return {
    invitationId,
    siteId,
    status: status === "r" ? "revoked" : status === "d" ? "draft" : "issued",
    tokenVersion,
    name,
    position,
    workplace,
    unitName: roster.units[unit] ?? "",
    substituteName: substitute || null,
    phoneTail,
    checkedIn: checkedAt ? { scannedAt: checkedAt, deviceId: device, siteId: checkedSite, ...(scannerName ? { scannerName } : {}) } : null,
  };
}

/** The door's search by phone: the typed number's last four digits against the roster's (three typed digits: anywhere in them). */
export function matchesPhoneTail(tail: string, typedDigits: string): boolean {
  if (!tail || typedDigits.length < 3) return false;
  return typedDigits.length >= 4 ? tail.endsWith(typedDigits.slice(-4)) : tail.includes(typedDigits);
}
