/**
 * The door: what one scan means, decided and recorded in one transaction.
 *
 * Every attempt is a scan_log row with its verdict. The first accepted scan of
 * an invitation is its check-in (unique per invitation); later ones are
 * duplicates. A retry with the same nonce returns the same answer and writes
 * nothing. Both the device's time and the server's time are kept.
 */
import { and, eq } from "drizzle-orm";
import { immediateTransaction, type Db } from "@/db/client";
import { campaigns, checkIns, conferences, invitations, people, sites, units, type ScanVerdict } from "@/db/schema";
import { parseToken, TOKEN_LENGTH, verifyToken } from "@/lib/tokens/qr-token";
import { scanStatements } from "./scan-statements";
import { checkInWindow } from "./window";

export interface ScanInput {
  token: string;
  /** The site as already loaded by the caller's access check (saves a query on the hot path). */
  site?: Site;
  siteId: number;
  deviceId: string;
  nonce: string;
  scannedAt: Date;
  method: "camera" | "hardware" | "manual";
  offline?: boolean;
}

export interface Attendee {
  name: string;
  position: string;
  workplace: string;
  unitName: string;
  substituteName: string | null;
}

export interface ScanResult {
  verdict: ScanVerdict;
  /** The invitation the token belongs to (for the substitute and undo buttons). */
  invitationId?: number;
  attendee?: Attendee;
  checkIn?: { scannedAt: string; isLate: boolean };
  firstCheckIn?: { scannedAt: string; deviceId: string; siteVenue: string };
  /** wrong_site: where this invitation belongs. */
  expectedSite?: { id: number; venue: string };
  /** wrong_conference: the conference the letter is for. */
  otherConference?: { title: string };
  /** not_open: when the door opens and closes. */
  window?: { opensAt: string; closesAt: string };
}

/** If the device's clock is more than a day off and the scan is not an offline one, trust the server. */
function effectiveScanTime(input: ScanInput, now: Date): Date {
  if (Number.isNaN(input.scannedAt.getTime())) return now;
  if (!input.offline && Math.abs(input.scannedAt.getTime() - now.getTime()) > 86_400_000) return now;
  return input.scannedAt;
}

function attendeeOf(db: Db, invitationId: number): Attendee | undefined {
  const row = db
    .select({ name: people.fullName, position: people.position, workplace: people.workplace, unitName: units.name, substituteName: invitations.substituteName })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(invitations.id, invitationId))
    .get();
  return row;
}

function firstCheckInOf(db: Db, invitationId: number) {
  return db
    .select({ scannedAt: checkIns.scannedAt, deviceId: checkIns.deviceId, isLate: checkIns.isLate, siteVenue: sites.venue })
    .from(checkIns)
    .innerJoin(sites, eq(sites.id, checkIns.siteId))
    .where(eq(checkIns.invitationId, invitationId))
    .get();
}

export type Site = NonNullable<ReturnType<ReturnType<typeof scanStatements>["siteWithConference"]["get"]>>;
type Judged = { result: ScanResult; invitationId?: number; conferenceId?: number };

/**
 * The verdict for a token at a site, without writing anything.
 *
 * The server keeps every token it issued (unique index), so a token found by
 * exact match is authentic and needs no signature check: that is the fast,
 * common case. A token not found is checked the slow way, to tell a forgery
 * (bad signature), a letter of another conference, and an old token of a
 * reissued invitation (revoked) from plain garbage (unknown).
 */
export function judgeScan(db: Db, input: ScanInput, scannedAt: Date): Judged {
  const statements = scanStatements(db);
  const site = input.site?.id === input.siteId ? input.site : statements.siteWithConference.get({ siteId: input.siteId });
  if (!site) return { result: { verdict: "unknown" } };
  const token = input.token.trim();
  const found = token.length === TOKEN_LENGTH ? statements.invitationByToken.get({ token }) : undefined;
  if (!found) return judgeUnknownToken(db, token, site, scannedAt);
  if (found.conferenceId !== site.conferenceId) return wrongConference(db, found.conferenceId, site.conferenceId);
  if (found.status === "draft") return { result: { verdict: "unknown" }, conferenceId: site.conferenceId };
  const attendee: Attendee = { name: found.name, position: found.position, workplace: found.workplace, unitName: found.unitName, substituteName: found.substituteName };
  const base = { invitationId: found.id, conferenceId: found.conferenceId };
  if (found.status === "revoked") return { result: { verdict: "revoked", attendee }, ...base };
  return judgeInvitation(db, site, { id: found.id, siteId: found.siteId }, attendee, scannedAt, found.checkedInAt ? { scannedAt: found.checkedInAt, deviceId: found.checkedInDevice ?? "", siteVenue: found.checkedInVenue ?? "" } : null);
}

/** Window, site and duplicate: the same rules whichever way the invitation was found. */
function judgeInvitation(
  db: Db,
  site: Site,
  invitation: { id: number; siteId: number },
  attendee: Attendee | undefined,
  scannedAt: Date,
  first: { scannedAt: Date; deviceId: string; siteVenue: string } | null,
): Judged {
  const base = { invitationId: invitation.id, conferenceId: site.conferenceId };
  const window = checkInWindow(site);
  if (site.status === "cancelled" || site.status === "draft" || scannedAt < window.opensAt || scannedAt > window.closesAt) {
    return { result: { verdict: "not_open", attendee, window: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() } }, ...base };
  }
  if (invitation.siteId !== site.id) {
    const expected = db.select({ id: sites.id, venue: sites.venue }).from(sites).where(eq(sites.id, invitation.siteId)).get();
    return { result: { verdict: "wrong_site", attendee, expectedSite: expected }, ...base };
  }
  if (first) {
    return { result: { verdict: "duplicate", attendee, firstCheckIn: { scannedAt: first.scannedAt.toISOString(), deviceId: first.deviceId, siteVenue: first.siteVenue } }, ...base };
  }
  const isLate = scannedAt.getTime() > site.startsAt.getTime() + site.graceMinutes * 60_000;
  return { result: { verdict: "ok", attendee, checkIn: { scannedAt: scannedAt.toISOString(), isLate } }, ...base };
}

function wrongConference(db: Db, tokenConferenceId: number, siteConferenceId: number): Judged {
  const other = db.select({ title: conferences.title }).from(conferences).where(eq(conferences.id, tokenConferenceId)).get();
  return { result: { verdict: "wrong_conference", otherConference: other }, conferenceId: siteConferenceId };
}

/** The slow path, for tokens the server does not hold: checked by signature. */
function judgeUnknownToken(db: Db, token: string, site: Site, scannedAt: Date): Judged {
  const parsed = parseToken(token);
  if (!parsed.ok) return { result: { verdict: "unknown" }, conferenceId: site.conferenceId };
  const { invitationId, conferenceId, tokenVersion } = parsed.payload;
  const campaign = db
    .select({ publicKey: campaigns.signingPublicKey })
    .from(conferences)
    .innerJoin(campaigns, eq(campaigns.id, conferences.campaignId))
    .where(eq(conferences.id, conferenceId))
    .get();
  if (!campaign?.publicKey) return { result: { verdict: "unknown" }, conferenceId: site.conferenceId };
  if (!verifyToken(token, campaign.publicKey).ok) return { result: { verdict: "bad_signature" }, conferenceId: site.conferenceId };
  if (conferenceId !== site.conferenceId) return wrongConference(db, conferenceId, site.conferenceId);
  const invitation = db.select().from(invitations).where(and(eq(invitations.id, invitationId), eq(invitations.conferenceId, conferenceId))).get();
  if (!invitation || invitation.status === "draft") return { result: { verdict: "unknown" }, conferenceId };
  const attendee = attendeeOf(db, invitation.id);
  if (invitation.status === "revoked" || invitation.tokenVersion !== tokenVersion) {
    return { result: { verdict: "revoked", attendee }, invitationId: invitation.id, conferenceId };
  }
  // A genuine current token that is not stored (it should be): judge it all the same.
  const first = firstCheckInOf(db, invitation.id);
  return judgeInvitation(db, site, invitation, attendee, scannedAt, first ?? null);
}

/** The answer already given for a nonce, rebuilt from the log. */
function replay(db: Db, logged: { verdict: ScanVerdict; invitationId: number | null }): ScanResult {
  const result: ScanResult = { verdict: logged.verdict, ...(logged.invitationId ? { invitationId: logged.invitationId } : {}) };
  if (logged.invitationId) {
    result.attendee = attendeeOf(db, logged.invitationId);
    const first = firstCheckInOf(db, logged.invitationId);
    if (logged.verdict === "ok" && first) result.checkIn = { scannedAt: first.scannedAt.toISOString(), isLate: first.isLate };
    if (logged.verdict === "duplicate" && first) result.firstCheckIn = { scannedAt: first.scannedAt.toISOString(), deviceId: first.deviceId, siteVenue: first.siteVenue };
  }
  return result;
}

export function recordScan(db: Db, userId: number, input: ScanInput, now: Date = new Date()): ScanResult {
  return immediateTransaction(db, () => recordScanInTransaction(db, userId, input, now));
}

/** recordScan's work, for a caller that already holds the write transaction (the fast path's group commit). */
export function recordScanInTransaction(db: Db, userId: number, input: ScanInput, now: Date): ScanResult {
  const statements = scanStatements(db);
  const logged = statements.loggedNonce.get({ nonce: input.nonce });
  if (logged) return replay(db, logged);
  const scannedAt = effectiveScanTime(input, now);
  const { result, invitationId, conferenceId } = judgeScan(db, input, scannedAt);
  if (invitationId) result.invitationId = invitationId;
  const common = {
    siteId: input.siteId,
    scannedAt,
    receivedAt: now,
    userId,
    deviceId: input.deviceId,
    method: input.method,
    wasOffline: input.offline ?? false,
    nonce: input.nonce,
  };
  if (result.verdict === "ok" && invitationId && conferenceId) {
    statements.insertCheckIn.run({ ...common, invitationId, conferenceId, isLate: result.checkIn!.isLate });
  }
  statements.insertScanLog.run({ ...common, token: input.token.slice(0, 200), invitationId: invitationId ?? null, conferenceId: conferenceId ?? null, verdict: result.verdict });
  return result;
}
