/**
 * The door: what one scan means, decided and recorded in one transaction.
 *
 * Every attempt is a scan_log row with its verdict. The first accepted scan of
 * an invitation is its check-in (unique per invitation); later ones are
 * duplicates. A retry with the same nonce returns the same answer and writes
 * nothing. Both the device's time and the server's time are kept.
 */
import { and, eq } from "drizzle-orm";
import { sqliteSync, synchronousTransaction, type Db as AppDb, type SyncSqlite as Db } from "@/db/client";
import { checkIns, conferences, invitations, people, scanLog, sites, units, users, type ScanVerdict } from "@/db/schema";
import { verificationKeysNow } from "@/lib/invitations/campaign-keys";
import { normalizeToken } from "@/lib/tokens/normalize-token";
import { parseToken, verifyToken } from "@/lib/tokens/qr-token";
import { describeWindow, type Attendee, type ScanResult } from "./shared/scan-result";
import { scanStatements } from "./scan-statements";
import { decideVerdict, isLateAt, keysInOrder, type Decision, type DoorSite, type Evidence, type FirstCheckIn, type VerdictFacts } from "./shared/verdict";
import { checkInWindow } from "./window";

export type { Attendee, ScanResult } from "./shared/scan-result";

export interface ScanInput {
  /** The scanned text; or, for a guest chosen from the roster by hand, invitationId. */
  token?: string;
  invitationId?: number;
  /** The site as already loaded by the caller's access check (saves a query on the hot path). */
  site?: Site;
  siteId: number;
  deviceId: string;
  nonce: string;
  scannedAt: Date;
  method: "camera" | "hardware" | "manual";
  /** Made while the device was offline and sent from its queue: the device's time counts. */
  offline?: boolean;
}

/**
 * The device's time, unless it cannot be right: more than a day off for a live
 * scan, or in the future (beyond a minute of clock drift) for a queued one.
 */
function effectiveScanTime(input: ScanInput, now: Date): Date {
  const at = input.scannedAt.getTime();
  if (Number.isNaN(at)) return now;
  if (!input.offline && Math.abs(at - now.getTime()) > 86_400_000) return now;
  if (input.offline && at > now.getTime() + 60_000) return now;
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
    .select({
      scannedAt: checkIns.scannedAt,
      deviceId: checkIns.deviceId,
      isLate: checkIns.isLate,
      siteId: checkIns.siteId,
      siteVenue: sites.venue,
      scannerName: users.fullName,
    })
    .from(checkIns)
    .innerJoin(sites, eq(sites.id, checkIns.siteId))
    .leftJoin(users, eq(users.id, checkIns.scannerUserId))
    .where(eq(checkIns.invitationId, invitationId))
    .get();
}

/** What the duplicate verdict says of the first check-in: its time, device, site and the cadre who scanned it. */
function describeFirst(first: {
  scannedAt: Date | number;
  deviceId: string;
  siteVenue: string;
  scannerName?: string | null;
}): NonNullable<ScanResult["firstCheckIn"]> {
  return {
    scannedAt: new Date(first.scannedAt).toISOString(),
    deviceId: first.deviceId,
    siteVenue: first.siteVenue,
    ...(first.scannerName ? { scannerName: first.scannerName } : {}),
  };
}

/**
 * The conference a letter of another conference is for, as the door needs it: the titles are
 * nearly all alike, so its time, unit and the letter's own site (its main site if the letter's
 * invitation is not found). The letter is authentic and in the guest's hand: it says as much.
 */
function otherConferenceOf(db: Db, conferenceId: number, invitationId?: number): ScanResult["otherConference"] {
  const conference = db
    .select({ title: conferences.title, startsAt: conferences.startsAt, endsAt: conferences.endsAt, unitName: units.name })
    .from(conferences)
    .innerJoin(units, eq(units.id, conferences.unitId))
    .where(eq(conferences.id, conferenceId))
    .get();
  if (!conference) return undefined;
  const letterSite = invitationId
    ? db
        .select({ venue: sites.venue })
        .from(invitations)
        .innerJoin(sites, eq(sites.id, invitations.siteId))
        .where(and(eq(invitations.id, invitationId), eq(invitations.conferenceId, conferenceId)))
        .get()
    : undefined;
  const venue =
    letterSite?.venue ??
    db
      .select({ venue: sites.venue })
      .from(sites)
      .where(and(eq(sites.conferenceId, conferenceId), eq(sites.isMain, true)))
      .get()?.venue ??
    "";
  return {
    title: conference.title,
    startsAt: conference.startsAt.toISOString(),
    endsAt: conference.endsAt.toISOString(),
    unitName: conference.unitName,
    venue,
  };
}

const venueOf = (db: Db, siteId: number) => db.select({ venue: sites.venue }).from(sites).where(eq(sites.id, siteId)).get()?.venue ?? "";

export type Site = NonNullable<ReturnType<ReturnType<typeof scanStatements>["siteWithConference"]["get"]>>;
type Judged = { result: ScanResult; invitationId?: number; conferenceId?: number; first?: FirstCheckIn };

const doorSites = new WeakMap<Site, DoorSite>();

/** The site as the shared rules see it; kept per loaded row (the fast path reuses rows for a few seconds). */
export function doorSiteOf(site: Site): DoorSite {
  let door = doorSites.get(site);
  if (!door) doorSites.set(site, (door = toDoorSite(site)));
  return door;
}

function toDoorSite(site: Site): DoorSite {
  const window = checkInWindow(site);
  return {
    id: site.id,
    conferenceId: site.conferenceId,
    status: site.status,
    startsAt: site.startsAt.getTime(),
    graceMinutes: site.graceMinutes,
    opensAt: window.opensAt.getTime(),
    closesAt: window.closesAt.getTime(),
  };
}

/**
 * What the scanned text is. Its readings (normalize-token.ts: itself, or what a Vietnamese
 * input method changed) are looked up among the tokens the server issued (unique index): a
 * token found by exact match is authentic without a signature check, the fast, common case.
 * Otherwise each reading shaped like a token is checked against the campaign keys, the site's
 * own first (the device does the same). A scan counts only if exactly one reading is authentic.
 */
function evidenceFor(db: Db, input: ScanInput, site: Site): { evidence: Evidence; found?: StoredToken } {
  if (input.invitationId) return { evidence: { kind: "chosen", invitationId: input.invitationId } };
  const readings = normalizeToken(input.token ?? "");
  const statements = scanStatements(db);
  const found = readings.map((token) => statements.invitationByToken.get({ token })).filter((row) => row !== undefined);
  if (found.length === 1) {
    const [row] = found;
    return { evidence: { kind: "signed", payload: { invitationId: row.id, conferenceId: row.conferenceId, tokenVersion: row.tokenVersion } }, found: row };
  }
  const shaped = readings.flatMap((token) => {
    const parsed = parseToken(token);
    return parsed.ok ? [{ token, payload: parsed.payload }] : [];
  });
  if (found.length > 1 || shaped.length === 0) return { evidence: { kind: "unreadable" } };
  // Every campaign's valid public keys (current, and retired but not revoked), for tokens the server does not hold.
  const keys = keysInOrder(verificationKeysNow(db), site.campaignId);
  const authentic = shaped.filter(({ token }) => keys.some((key) => verifyToken(token, key.publicKey).ok));
  if (authentic.length === 1) return { evidence: { kind: "signed", payload: authentic[0].payload } };
  // One clean token that no key signed is a forgery; a rewritten text with no (or several) authentic readings is unreadable.
  return { evidence: { kind: authentic.length === 0 && readings.length === 1 ? "forged" : "unreadable" } };
}

type StoredToken = NonNullable<ReturnType<ReturnType<typeof scanStatements>["invitationByToken"]["get"]>>;

/** The verdict for a scan at a site, without writing anything: the shared rules (verdict.ts) on the database's facts. */
export async function judgeScan(db: AppDb, input: ScanInput, scannedAt: Date): Promise<Judged> {
  return judgeScanNow(sqliteSync(db), input, scannedAt);
}

function judgeScanNow(db: Db, input: ScanInput, scannedAt: Date): Judged {
  const statements = scanStatements(db);
  const site = input.site?.id === input.siteId ? input.site : statements.siteWithConference.get({ siteId: input.siteId });
  if (!site) return { result: { verdict: "unknown" } };
  const { evidence, found } = evidenceFor(db, input, site);
  const facts: VerdictFacts = {
    site: doorSiteOf(site),
    invitation: (id) =>
      found?.id === id
        ? found
        : db
            .select({
              id: invitations.id,
              conferenceId: invitations.conferenceId,
              siteId: invitations.siteId,
              status: invitations.status,
              tokenVersion: invitations.tokenVersion,
            })
            .from(invitations)
            .where(eq(invitations.id, id))
            .get(),
    firstCheckIn: (id) => {
      if (found?.id === id) {
        return found.checkedInAt
          ? {
              scannedAt: found.checkedInAt.getTime(),
              deviceId: found.checkedInDevice ?? "",
              siteId: found.checkedInSiteId!,
              scannerName: found.checkedInBy ?? undefined,
            }
          : null;
      }
      const first = firstCheckInOf(db, id);
      return first
        ? { scannedAt: first.scannedAt.getTime(), deviceId: first.deviceId, siteId: first.siteId, scannerName: first.scannerName ?? undefined }
        : null;
    },
  };
  const decision = decideVerdict(evidence, facts, scannedAt.getTime());
  return { ...describeDecision(db, decision, site, found), conferenceId: site.conferenceId };
}

/** The decision with what the door staff read: the person, the other site, the other conference. */
function describeDecision(db: Db, decision: Decision, site: Site, found?: StoredToken): Judged {
  const { verdict, invitationId } = decision;
  const result: ScanResult = { verdict };
  if (invitationId) {
    result.invitationId = invitationId;
    result.attendee =
      found?.id === invitationId
        ? { name: found.name, position: found.position, workplace: found.workplace, unitName: found.unitName, substituteName: found.substituteName }
        : attendeeOf(db, invitationId);
  }
  if (verdict === "ok") result.checkIn = { scannedAt: "", isLate: decision.isLate ?? false };
  if (decision.first) {
    const venue = found?.id === invitationId && found?.checkedInVenue ? found.checkedInVenue : venueOf(db, decision.first.siteId);
    result.firstCheckIn = describeFirst({ ...decision.first, siteVenue: venue });
  }
  if (decision.expectedSiteId) result.expectedSite = { id: decision.expectedSiteId, venue: venueOf(db, decision.expectedSiteId) };
  if (decision.otherConferenceId) {
    const other = otherConferenceOf(db, decision.otherConferenceId, decision.otherInvitationId);
    if (other) result.otherConference = other;
  }
  if (decision.window) result.window = describeWindow(decision.window);
  return { result, invitationId, first: decision.first };
}

/** The answer already given for a nonce, rebuilt from the log. */
function replay(db: Db, logged: { verdict: ScanVerdict; invitationId: number | null }): ScanResult {
  const result: ScanResult = { verdict: logged.verdict, ...(logged.invitationId ? { invitationId: logged.invitationId } : {}) };
  if (logged.invitationId) {
    result.attendee = attendeeOf(db, logged.invitationId);
    const first = firstCheckInOf(db, logged.invitationId);
    if (logged.verdict === "ok" && first) result.checkIn = { scannedAt: first.scannedAt.toISOString(), isLate: first.isLate };
    if (logged.verdict === "duplicate" && first) result.firstCheckIn = describeFirst(first);
  }
  return result;
}

export async function recordScan(db: AppDb, userId: number, input: ScanInput, now: Date = new Date()): Promise<ScanResult> {
  return await synchronousTransaction(db, (tx) => recordScanInTransaction(tx, userId, input, now));
}

/** recordScan's work, for a caller that already holds the write transaction (the fast path's group commit). */
export function recordScanInTransaction(db: Db, userId: number, input: ScanInput, now: Date): ScanResult {
  const statements = scanStatements(db);
  const logged = statements.loggedNonce.get({ nonce: input.nonce });
  if (logged) return replay(db, logged);
  const scannedAt = effectiveScanTime(input, now);
  const judged = judgeScanNow(db, input, scannedAt);
  let { result } = judged;
  const { invitationId, conferenceId, first } = judged;
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
  if (result.verdict === "duplicate" && input.offline && first && invitationId && scannedAt.getTime() < first.scannedAt) {
    // A queued scan from a device that was offline, made before the check-in on record: the earliest device time wins.
    const isLate = isLateAt(doorSiteOf(statements.siteWithConference.get({ siteId: input.siteId })!), scannedAt.getTime());
    takeOverCheckIn(db, invitationId, { ...common, isLate });
    result = { verdict: "ok", invitationId, attendee: result.attendee, checkIn: { scannedAt: scannedAt.toISOString(), isLate } };
  } else if (result.verdict === "ok" && invitationId && conferenceId) {
    result.checkIn = { scannedAt: scannedAt.toISOString(), isLate: result.checkIn!.isLate };
    statements.insertCheckIn.run({ ...common, invitationId, conferenceId, isLate: result.checkIn.isLate });
  }
  const duplicateOf = result.verdict === "duplicate" && first ? first : null;
  statements.insertScanLog.run({
    ...common,
    token: scannedText(input),
    invitationId: invitationId ?? null,
    conferenceId: conferenceId ?? null,
    verdict: result.verdict,
    firstDeviceId: duplicateOf?.deviceId ?? null,
    firstScannedAtMs: duplicateOf?.scannedAt ?? null,
  });
  return result;
}

/** What the log keeps of the scanned text: the token (cut), or which invitation was chosen by hand. */
const scannedText = (input: ScanInput) => (input.invitationId ? `manual:${input.invitationId}` : (input.token ?? "").slice(0, 200));

/**
 * The check-in on record becomes a duplicate of an earlier scan that reached the
 * server later: the check-in row takes the earlier scan's device, time and nonce;
 * the scan that had made it, and any duplicates of it, now point at the earlier one.
 */
function takeOverCheckIn(
  db: Db,
  invitationId: number,
  winner: {
    siteId: number;
    scannedAt: Date;
    receivedAt: Date;
    userId: number;
    deviceId: string;
    method: ScanInput["method"];
    wasOffline: boolean;
    nonce: string;
    isLate: boolean;
  },
) {
  const previous = db.select({ nonce: checkIns.nonce }).from(checkIns).where(eq(checkIns.invitationId, invitationId)).get();
  db.update(checkIns)
    .set({
      siteId: winner.siteId,
      scannedAt: winner.scannedAt,
      receivedAt: winner.receivedAt,
      scannerUserId: winner.userId,
      deviceId: winner.deviceId,
      method: winner.method,
      isLate: winner.isLate,
      wasOffline: winner.wasOffline,
      nonce: winner.nonce,
    })
    .where(eq(checkIns.invitationId, invitationId))
    .run();
  const pointAtWinner = { verdict: "duplicate" as const, firstDeviceId: winner.deviceId, firstScannedAt: winner.scannedAt };
  if (previous?.nonce) db.update(scanLog).set(pointAtWinner).where(eq(scanLog.nonce, previous.nonce)).run();
  db.update(scanLog)
    .set(pointAtWinner)
    .where(and(eq(scanLog.invitationId, invitationId), eq(scanLog.verdict, "duplicate")))
    .run();
}
