/**
 * The door's rules: what a scan means. One pure function, run by the server
 * (lib/checkin/record-scan.ts, from the database) and by the door device when
 * the network is down (lib/checkin/shared/device-judge.ts, from the downloaded roster),
 * so both give the same verdict for the same facts (docs/decisions/0009-offline-door.md).
 *
 * No database, no Node, no browser API here: only the facts, passed in.
 */
import type { ScanVerdict } from "@/lib/enums";
import type { TokenPayload } from "@/lib/tokens/token-format";

/** What the scanned text turned out to be, once its signature was checked (or the stored token found). */
export type Evidence =
  /** Not a token at all (wrong length, alphabet or format byte). */
  | { kind: "unreadable" }
  /** Shaped like a token, but no campaign key signed it. */
  | { kind: "forged" }
  /** Authentic: signed by a campaign key (or found among the tokens the server issued). */
  | { kind: "signed"; payload: TokenPayload }
  /** Chosen by hand from the site's roster (manual search). */
  | { kind: "chosen"; invitationId: number };

export interface DoorSite {
  id: number;
  conferenceId: number;
  /** The conference's status: a draft or cancelled conference has no door. */
  status: string;
  startsAt: number;
  graceMinutes: number;
  /** The check-in window (lib/checkin/window.ts), in milliseconds since the epoch. */
  opensAt: number;
  closesAt: number;
}

export interface DoorInvitation {
  id: number;
  conferenceId: number;
  siteId: number;
  status: "draft" | "issued" | "revoked";
  tokenVersion: number;
}

export interface FirstCheckIn {
  scannedAt: number;
  deviceId: string;
  siteId: number;
  /** Who scanned it (the door cadre's full name), when known: shown on the duplicate verdict. */
  scannerName?: string;
}

/** Where the rules read their facts: the database on the server, the roster on the device. */
export interface VerdictFacts {
  site: DoorSite;
  /**
   * The facts hold this site's invitations only (the device's roster: a door
   * gets its own invitees, docs/decisions/0015): an authentic letter of this
   * conference that is not among them belongs to another site of it.
   */
  onlyThisSite?: boolean;
  invitation(id: number): DoorInvitation | undefined;
  firstCheckIn(invitationId: number): FirstCheckIn | null;
}

export interface Decision {
  verdict: ScanVerdict;
  invitationId?: number;
  /** ok: whether the guest came after the start plus the grace minutes. */
  isLate?: boolean;
  /** wrong_site: the site the invitation belongs to. */
  expectedSiteId?: number;
  /** wrong_conference: the conference the letter is for, and the letter's invitation there. */
  otherConferenceId?: number;
  otherInvitationId?: number;
  /** duplicate: the check-in that came first. */
  first?: FirstCheckIn;
  /** not_open: the window, and why the door is closed now. */
  window?: { opensAt: number; closesAt: number; reason: ClosedReason };
}

/** Where a door stands at a moment: open, or closed and why. */
export type DoorPhase = "open" | ClosedReason;
export type ClosedReason = "not_yet" | "over" | "cancelled" | "draft";

/** The door's phase: a cancelled or draft conference has none; otherwise the window decides. */
export function doorPhaseAt(site: Pick<DoorSite, "status" | "opensAt" | "closesAt">, at: number): DoorPhase {
  if (site.status === "cancelled") return "cancelled";
  if (site.status === "draft") return "draft";
  if (at < site.opensAt) return "not_yet";
  if (at > site.closesAt) return "over";
  return "open";
}

export function decideVerdict(evidence: Evidence, facts: VerdictFacts, scannedAt: number): Decision {
  const { site } = facts;
  if (evidence.kind === "unreadable") return { verdict: "unknown" };
  if (evidence.kind === "forged") return { verdict: "bad_signature" };

  let invitation: DoorInvitation | undefined;
  if (evidence.kind === "signed") {
    const { payload } = evidence;
    if (payload.conferenceId !== site.conferenceId)
      return { verdict: "wrong_conference", otherConferenceId: payload.conferenceId, otherInvitationId: payload.invitationId };
    invitation = facts.invitation(payload.invitationId);
    if (!invitation && facts.onlyThisSite) return elsewhere(site, payload.invitationId, scannedAt);
    if (!invitation || invitation.conferenceId !== payload.conferenceId || invitation.status === "draft") return { verdict: "unknown" };
    if (invitation.status === "revoked" || invitation.tokenVersion !== payload.tokenVersion) return { verdict: "revoked", invitationId: invitation.id };
  } else {
    invitation = facts.invitation(evidence.invitationId);
    if (!invitation || invitation.conferenceId !== site.conferenceId || invitation.status === "draft") return { verdict: "unknown" };
    if (invitation.status === "revoked") return { verdict: "revoked", invitationId: invitation.id };
  }

  const base = { invitationId: invitation.id };
  if (!isOpenAt(site, scannedAt)) return { verdict: "not_open", ...base, window: closedWindow(site, scannedAt) };
  if (invitation.siteId !== site.id) return { verdict: "wrong_site", ...base, expectedSiteId: invitation.siteId };
  const first = facts.firstCheckIn(invitation.id);
  if (first) return { verdict: "duplicate", ...base, first };
  return { verdict: "ok", ...base, isLate: isLateAt(site, scannedAt) };
}

/** An authentic letter of another site, judged without its facts: the window first, as for any letter, then wrong_site (which site is not known here). */
function elsewhere(site: DoorSite, invitationId: number, scannedAt: number): Decision {
  if (!isOpenAt(site, scannedAt)) return { verdict: "not_open", invitationId, window: closedWindow(site, scannedAt) };
  return { verdict: "wrong_site", invitationId };
}

function isOpenAt(site: DoorSite, scannedAt: number): boolean {
  return doorPhaseAt(site, scannedAt) === "open";
}

function closedWindow(site: DoorSite, scannedAt: number): NonNullable<Decision["window"]> {
  return { opensAt: site.opensAt, closesAt: site.closesAt, reason: doorPhaseAt(site, scannedAt) as ClosedReason };
}

/** Late: after the start plus the grace minutes (a scan at exactly that minute is on time). */
export function isLateAt(site: Pick<DoorSite, "startsAt" | "graceMinutes">, scannedAt: number): boolean {
  return scannedAt > site.startsAt + site.graceMinutes * 60_000;
}

/** Keys to try for a token, the site's own campaign first: a letter of another campaign is still authentic. */
export function keysInOrder<K extends { campaignId: number }>(keys: K[], siteCampaignId: number): K[] {
  return [...keys].sort((a, b) => Number(b.campaignId === siteCampaignId) - Number(a.campaignId === siteCampaignId));
}
