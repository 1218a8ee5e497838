/**
 * The door: what one scan means, decided and recorded in one transaction.
 *
 * Every attempt is a scan_log row with its verdict. The first accepted scan of
 * an invitation is its check-in (unique per invitation); later ones are
 * duplicates. A retry with the same nonce returns the same answer and writes
 * nothing. Both the device's time and the server's time are kept.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, checkIns, conferences, invitations, people, scanLog, sites, units, type ScanVerdict } from "@/db/schema";
import { parseToken, verifyToken } from "@/lib/tokens/qr-token";
import { checkInWindow } from "./window";

export interface ScanInput {
  token: string;
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

/** The verdict for a token at a site, without writing anything. */
export function judgeScan(db: Db, input: ScanInput, scannedAt: Date): { result: ScanResult; invitationId?: number; conferenceId?: number } {
  const site = db
    .select({ id: sites.id, conferenceId: sites.conferenceId, status: conferences.status, startsAt: conferences.startsAt, endsAt: conferences.endsAt, graceMinutes: conferences.graceMinutes })
    .from(sites)
    .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
    .where(eq(sites.id, input.siteId))
    .get();
  if (!site) return { result: { verdict: "unknown" } };

  const parsed = parseToken(input.token);
  if (!parsed.ok) return { result: { verdict: "unknown" }, conferenceId: site.conferenceId };
  const { invitationId, conferenceId, tokenVersion } = parsed.payload;
  const tokenConference = db
    .select({ title: conferences.title, publicKey: campaigns.signingPublicKey })
    .from(conferences)
    .innerJoin(campaigns, eq(campaigns.id, conferences.campaignId))
    .where(eq(conferences.id, conferenceId))
    .get();
  if (!tokenConference?.publicKey) return { result: { verdict: "unknown" }, conferenceId: site.conferenceId };
  if (!verifyToken(input.token, tokenConference.publicKey).ok) return { result: { verdict: "bad_signature" }, conferenceId: site.conferenceId };
  if (conferenceId !== site.conferenceId) {
    return { result: { verdict: "wrong_conference", otherConference: { title: tokenConference.title } }, conferenceId: site.conferenceId };
  }

  const invitation = db.select().from(invitations).where(and(eq(invitations.id, invitationId), eq(invitations.conferenceId, conferenceId))).get();
  if (!invitation || invitation.status === "draft") return { result: { verdict: "unknown" }, conferenceId };
  const attendee = attendeeOf(db, invitation.id);
  if (invitation.status === "revoked" || invitation.tokenVersion !== tokenVersion) {
    return { result: { verdict: "revoked", attendee }, invitationId: invitation.id, conferenceId };
  }

  const window = checkInWindow(site);
  if (site.status === "cancelled" || site.status === "draft" || scannedAt < window.opensAt || scannedAt > window.closesAt) {
    return {
      result: { verdict: "not_open", attendee, window: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() } },
      invitationId: invitation.id,
      conferenceId,
    };
  }
  if (invitation.siteId !== site.id) {
    const expected = db.select({ id: sites.id, venue: sites.venue }).from(sites).where(eq(sites.id, invitation.siteId)).get();
    return { result: { verdict: "wrong_site", attendee, expectedSite: expected }, invitationId: invitation.id, conferenceId };
  }
  const first = firstCheckInOf(db, invitation.id);
  if (first) {
    return {
      result: { verdict: "duplicate", attendee, firstCheckIn: { scannedAt: first.scannedAt.toISOString(), deviceId: first.deviceId, siteVenue: first.siteVenue } },
      invitationId: invitation.id,
      conferenceId,
    };
  }
  const isLate = scannedAt.getTime() > site.startsAt.getTime() + site.graceMinutes * 60_000;
  return { result: { verdict: "ok", attendee, checkIn: { scannedAt: scannedAt.toISOString(), isLate } }, invitationId: invitation.id, conferenceId };
}

/** The answer already given for a nonce, rebuilt from the log. */
function replay(db: Db, nonce: string): ScanResult | null {
  const logged = db.select().from(scanLog).where(eq(scanLog.nonce, nonce)).get();
  if (!logged) return null;
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
  return db.transaction(
    (tx) => {
      const d = tx as unknown as Db;
      const previous = replay(d, input.nonce);
      if (previous) return previous;
      const scannedAt = effectiveScanTime(input, now);
      const { result, invitationId, conferenceId } = judgeScan(d, input, scannedAt);
      if (invitationId) result.invitationId = invitationId;
      if (result.verdict === "ok" && invitationId && conferenceId) {
        d.insert(checkIns)
          .values({
            invitationId,
            conferenceId,
            siteId: input.siteId,
            scannedAt,
            receivedAt: now,
            scannerUserId: userId,
            deviceId: input.deviceId,
            method: input.method,
            isLate: result.checkIn!.isLate,
            wasOffline: input.offline ?? false,
            nonce: input.nonce,
          })
          .run();
      }
      d.insert(scanLog)
        .values({
          nonce: input.nonce,
          token: input.token.slice(0, 200),
          invitationId: invitationId ?? null,
          conferenceId: conferenceId ?? null,
          siteId: input.siteId,
          verdict: result.verdict,
          method: input.method,
          deviceId: input.deviceId,
          userId,
          scannedAt,
          receivedAt: now,
          wasOffline: input.offline ?? false,
        })
        .run();
      return result;
    },
    { behavior: "immediate" },
  );
}
