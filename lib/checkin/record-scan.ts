/**
 * The door: what one scan means, decided and recorded in one transaction.
 *
 * Every attempt is a scan_log row with its verdict. The first accepted scan of
 * an invitation is its check-in (unique per invitation); later ones are
 * duplicates. A retry with the same nonce returns the same answer and writes
 * nothing. Both the device's time and the server's time are kept.
 */
import { and, eq, gt } from "drizzle-orm";
import { firstRow, transaction, type Db, type Tx } from "@/db/client";
import { boundTime } from "@/db/dialect";
import { preparedFirst } from "@/db/prepared";
import { checkIns, conferences, invitations, people, scanLog, sites, units, users, type ScanVerdict } from "@/db/schema";
import { verificationKeys } from "@/lib/invitations/campaign-keys";
import { normalizeToken } from "@/lib/tokens/normalize-token";
import { parseToken, verifyToken } from "@/lib/tokens/qr-token";
import { describeWindow, type Attendee, type ScanResult } from "./shared/scan-result";
import { scanStatements } from "./scan-statements";
import { decideVerdict, isLateAt, keysInOrder, type Decision, type DoorSite, type Evidence, type FirstCheckIn, type VerdictFacts } from "./shared/verdict";
import { checkInWindow } from "./window";

export type { Attendee, ScanResult } from "./shared/scan-result";

/**
 * The door's transactions on PostgreSQL: READ COMMITTED, since every write of a scan carries its own
 * guarantee (unique indexes with ON CONFLICT, a conditional update) and a SERIALIZABLE batch of two
 * hundred scans would be retried whole on any conflict with another server (decision 0038). SQLite's
 * write lane is serial whatever is asked.
 */
export const DOOR_ISOLATION = { isolation: "read committed" } as const;

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

async function attendeeOf(db: Db | Tx, invitationId: number): Promise<Attendee | undefined> {
  return await firstRow(
    db
      .select({
        name: people.fullName,
        position: people.position,
        workplace: people.workplace,
        unitName: units.name,
        substituteName: invitations.substituteName,
      })
      .from(invitations)
      .innerJoin(people, eq(people.id, invitations.personId))
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(invitations.id, invitationId)),
  );
}

async function firstCheckInOf(db: Db | Tx, invitationId: number) {
  return await firstRow(
    db
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
      .where(eq(checkIns.invitationId, invitationId)),
  );
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
async function otherConferenceOf(db: Db | Tx, conferenceId: number, invitationId?: number): Promise<ScanResult["otherConference"]> {
  const conference = await firstRow(
    db
      .select({ title: conferences.title, startsAt: conferences.startsAt, endsAt: conferences.endsAt, unitName: units.name })
      .from(conferences)
      .innerJoin(units, eq(units.id, conferences.unitId))
      .where(eq(conferences.id, conferenceId)),
  );
  if (!conference) return undefined;
  const letterSite = invitationId
    ? await firstRow(
        db
          .select({ venue: sites.venue })
          .from(invitations)
          .innerJoin(sites, eq(sites.id, invitations.siteId))
          .where(and(eq(invitations.id, invitationId), eq(invitations.conferenceId, conferenceId))),
      )
    : undefined;
  const mainSite = letterSite
    ? undefined
    : await firstRow(
        db
          .select({ venue: sites.venue })
          .from(sites)
          .where(and(eq(sites.conferenceId, conferenceId), eq(sites.isMain, true))),
      );
  const venue = letterSite?.venue ?? mainSite?.venue ?? "";
  return {
    title: conference.title,
    startsAt: conference.startsAt.toISOString(),
    endsAt: conference.endsAt.toISOString(),
    unitName: conference.unitName,
    venue,
  };
}

const venueOf = async (db: Db | Tx, siteId: number) => (await firstRow(db.select({ venue: sites.venue }).from(sites).where(eq(sites.id, siteId))))?.venue ?? "";

type RowOf<P> = P extends { rows(values: never): infer R } ? (Awaited<R> extends (infer Row)[] ? Row : never) : never;
type Statements = ReturnType<typeof scanStatements>;
export type Site = RowOf<Statements["siteWithConference"]>;
export type Judged = { result: ScanResult; invitationId?: number; conferenceId?: number; first?: FirstCheckIn };

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
async function evidenceFor(db: Db | Tx, input: ScanInput, site: Site): Promise<{ evidence: Evidence; found?: StoredToken }> {
  if (input.invitationId) return { evidence: { kind: "chosen", invitationId: input.invitationId } };
  const readings = normalizeToken(input.token ?? "");
  const statements = scanStatements(db);
  const found: StoredToken[] = [];
  for (const token of readings) {
    const row = await preparedFirst(statements.invitationByToken, { token });
    if (row) found.push(row);
  }
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
  const keys = keysInOrder(await verificationKeys(db), site.campaignId);
  const authentic = shaped.filter(({ token }) => keys.some((key) => verifyToken(token, key.publicKey).ok));
  if (authentic.length === 1) return { evidence: { kind: "signed", payload: authentic[0].payload } };
  // One clean token that no key signed is a forgery; a rewritten text with no (or several) authentic readings is unreadable.
  return { evidence: { kind: authentic.length === 0 && readings.length === 1 ? "forged" : "unreadable" } };
}

export type StoredToken = RowOf<Statements["invitationByToken"]>;

/** The one invitation the shared rules may ask about (verdict.ts asks only of the letter's own, of this conference). */
function invitationAskedOf(evidence: Evidence, site: Site): number | undefined {
  if (evidence.kind === "chosen") return evidence.invitationId;
  if (evidence.kind === "signed" && evidence.payload.conferenceId === site.conferenceId) return evidence.payload.invitationId;
  return undefined;
}

/**
 * The facts the shared rules read, loaded before they run (they are synchronous, as on the device): the
 * invitation and its check-in, from the token's row when the letter was found by its token.
 */
async function factsFor(db: Db | Tx, site: Site, evidence: Evidence, found: StoredToken | undefined): Promise<VerdictFacts> {
  const id = invitationAskedOf(evidence, site);
  if (id !== undefined && found?.id === id) return factsOfLetter(site, found);
  const invitation =
    id === undefined
      ? undefined
      : await firstRow(
          db
            .select({
              id: invitations.id,
              conferenceId: invitations.conferenceId,
              siteId: invitations.siteId,
              status: invitations.status,
              tokenVersion: invitations.tokenVersion,
            })
            .from(invitations)
            .where(eq(invitations.id, id)),
        );
  const stored = invitation ? await firstCheckInOf(db, invitation.id) : undefined;
  const first = stored
    ? { scannedAt: stored.scannedAt.getTime(), deviceId: stored.deviceId, siteId: stored.siteId, scannerName: stored.scannerName ?? undefined }
    : null;
  return { site: doorSiteOf(site), invitation: (asked) => (asked === id ? invitation : undefined), firstCheckIn: (asked) => (asked === id ? first : null) };
}

/** The facts when the letter asked about is the one found by its token: its row holds them all. */
function factsOfLetter(site: Site, found: StoredToken): VerdictFacts {
  const first = found.checkedInAt
    ? {
        scannedAt: found.checkedInAt.getTime(),
        deviceId: found.checkedInDevice ?? "",
        siteId: found.checkedInSiteId!,
        scannerName: found.checkedInBy ?? undefined,
      }
    : null;
  return {
    site: doorSiteOf(site),
    invitation: (asked) => (asked === found.id ? found : undefined),
    firstCheckIn: (asked) => (asked === found.id ? first : null),
  };
}

/**
 * The verdict for a scan whose text is exactly one letter's token (`found`, loaded with others: record-scans.ts),
 * when its row holds every fact the verdict and its answer need; undefined when judging it needs the database
 * (another conference's letter, another site's venue): judgeScan then.
 */
export async function judgeFoundLetter(db: Db | Tx, site: Site, found: StoredToken, scannedAt: Date): Promise<Judged | undefined> {
  const evidence: Evidence = { kind: "signed", payload: { invitationId: found.id, conferenceId: found.conferenceId, tokenVersion: found.tokenVersion } };
  const decision = decideVerdict(evidence, factsOfLetter(site, found), scannedAt.getTime());
  if (decision.otherConferenceId || decision.expectedSiteId || (decision.first && !found.checkedInVenue)) return undefined;
  return { ...(await describeDecision(db, decision, site, found)), conferenceId: site.conferenceId };
}

/** The verdict for a scan at a site, without writing anything: the shared rules (verdict.ts) on the database's facts. */
export async function judgeScan(db: Db | Tx, input: ScanInput, scannedAt: Date): Promise<Judged> {
  const statements = scanStatements(db);
  const site = input.site?.id === input.siteId ? input.site : await preparedFirst(statements.siteWithConference, { siteId: input.siteId });
  if (!site) return { result: { verdict: "unknown" } };
  const { evidence, found } = await evidenceFor(db, input, site);
  const decision = decideVerdict(evidence, await factsFor(db, site, evidence, found), scannedAt.getTime());
  return { ...(await describeDecision(db, decision, site, found)), conferenceId: site.conferenceId };
}

/** The decision with what the door staff read: the person, the other site, the other conference. */
async function describeDecision(db: Db | Tx, decision: Decision, site: Site, found?: StoredToken): Promise<Judged> {
  const { verdict, invitationId } = decision;
  const ofFound = found?.id === invitationId;
  const result: ScanResult = { verdict };
  if (invitationId) {
    result.invitationId = invitationId;
    result.attendee =
      ofFound && found
        ? { name: found.name, position: found.position, workplace: found.workplace, unitName: found.unitName, substituteName: found.substituteName }
        : await attendeeOf(db, invitationId);
  }
  if (verdict === "ok") result.checkIn = { scannedAt: "", isLate: decision.isLate ?? false };
  if (decision.first) {
    const venue = ofFound && found?.checkedInVenue ? found.checkedInVenue : await venueOf(db, decision.first.siteId);
    result.firstCheckIn = describeFirst({ ...decision.first, siteVenue: venue });
  }
  if (decision.expectedSiteId) result.expectedSite = { id: decision.expectedSiteId, venue: await venueOf(db, decision.expectedSiteId) };
  if (decision.otherConferenceId) {
    const other = await otherConferenceOf(db, decision.otherConferenceId, decision.otherInvitationId);
    if (other) result.otherConference = other;
  }
  if (decision.window) result.window = describeWindow(decision.window);
  return { result, invitationId, first: decision.first };
}

/** The answer already given for a nonce, rebuilt from the log. */
async function replay(db: Tx, logged: { verdict: ScanVerdict; invitationId: number | null }): Promise<ScanResult> {
  const result: ScanResult = { verdict: logged.verdict, ...(logged.invitationId ? { invitationId: logged.invitationId } : {}) };
  if (logged.invitationId) {
    result.attendee = await attendeeOf(db, logged.invitationId);
    const first = await firstCheckInOf(db, logged.invitationId);
    if (logged.verdict === "ok" && first) result.checkIn = { scannedAt: first.scannedAt.toISOString(), isLate: first.isLate };
    if (logged.verdict === "duplicate" && first) result.firstCheckIn = describeFirst(first);
  }
  return result;
}

export async function recordScan(db: Db, userId: number, input: ScanInput, now: Date = new Date()): Promise<ScanResult> {
  return await transaction(db, (tx) => recordScanInTransaction(tx, userId, input, now), DOOR_ISOLATION);
}

/**
 * recordScan's work, for a caller that already holds the write transaction (the fast path's group commit).
 * Safe with several app servers on one PostgreSQL (decision 0038): the check-in and the log row are
 * inserted only where their unique indexes leave room, and an earlier scan takes a check-in over only
 * where it is still later; a scan that loses a race is answered as what the database kept.
 */
export async function recordScanInTransaction(db: Tx, userId: number, input: ScanInput, now: Date, attempt = 1): Promise<ScanResult> {
  const statements = scanStatements(db);
  const logged = await preparedFirst(statements.loggedNonce, { nonce: input.nonce });
  if (logged) return await replay(db, logged);
  const scan = scanAt(userId, input, now);
  const judged = await judgeScan(db, input, scan.scannedAt);
  let { result } = judged;
  const { invitationId, conferenceId } = judged;
  if (isEarlierOfflineScan(scan, judged)) {
    // A queued scan from a device that was offline, made before the check-in on record: the earliest device time wins.
    const site = (await preparedFirst(statements.siteWithConference, { siteId: input.siteId }))!;
    const isLate = isLateAt(doorSiteOf(site), scan.scannedAt.getTime());
    if (await takeOverCheckIn(db, checkInRow(scan, invitationId!, conferenceId!, isLate))) {
      result = { verdict: "ok", invitationId, attendee: result.attendee, checkIn: { scannedAt: scan.scannedAt.toISOString(), isLate } };
    }
  } else if (result.verdict === "ok" && invitationId && conferenceId) {
    result.checkIn = { scannedAt: scan.scannedAt.toISOString(), isLate: result.checkIn!.isLate };
    const inserted = await statements.insertCheckIn.changed(checkInRow(scan, invitationId, conferenceId, result.checkIn.isLate));
    if (inserted === 0) {
      // Another server checked this letter in (or logged this nonce) between our read and our insert.
      const again = await preparedFirst(statements.loggedNonce, { nonce: input.nonce });
      if (again) return await replay(db, again);
      if (attempt < 3) return await recordScanInTransaction(db, userId, input, now, attempt + 1);
      throw new Error(`The check-in of invitation ${invitationId} was refused three times`);
    }
  }
  const log = logRow(scan, { ...judged, result });
  const loggedNow = await statements.insertScanLog.changed({ ...log, firstScannedAt: boundTime(log.firstScannedAt ?? null) });
  if (loggedNow === 0) {
    // The same nonce sent to another server at the same moment, and logged there first: its answer stands.
    const other = await preparedFirst(statements.loggedNonce, { nonce: input.nonce });
    if (other) return await replay(db, other);
  }
  return result;
}

/** A scan as the server received it: who sent it, when, and the time that counts for it (the device's, unless it cannot be right). */
export interface ScanAt {
  userId: number;
  input: ScanInput;
  now: Date;
  scannedAt: Date;
}

export function scanAt(userId: number, input: ScanInput, now: Date): ScanAt {
  return { userId, input, now, scannedAt: effectiveScanTime(input, now) };
}

/** A duplicate from a device that was offline, made before the check-in on record: it takes the check-in over. */
export function isEarlierOfflineScan(scan: ScanAt, judged: Judged): boolean {
  const { result, first, invitationId } = judged;
  return result.verdict === "duplicate" && !!scan.input.offline && !!first && !!invitationId && scan.scannedAt.getTime() < first.scannedAt;
}

/** The check-in row a scan that lets its guest in writes. */
export function checkInRow(scan: ScanAt, invitationId: number, conferenceId: number, isLate: boolean): typeof checkIns.$inferInsert {
  const { input } = scan;
  return {
    invitationId,
    conferenceId,
    siteId: input.siteId,
    scannedAt: scan.scannedAt,
    receivedAt: scan.now,
    scannerUserId: scan.userId,
    deviceId: input.deviceId,
    method: input.method,
    isLate,
    wasOffline: input.offline ?? false,
    nonce: input.nonce,
  };
}

/** The scan's log row: its verdict and, for a duplicate, the check-in it repeats. */
export function logRow(scan: ScanAt, { result, invitationId, conferenceId, first }: Judged): typeof scanLog.$inferInsert {
  const { input } = scan;
  const duplicateOf = result.verdict === "duplicate" && first ? first : null;
  return {
    nonce: input.nonce,
    token: scannedText(input),
    invitationId: invitationId ?? null,
    conferenceId: conferenceId ?? null,
    siteId: input.siteId,
    verdict: result.verdict,
    method: input.method,
    deviceId: input.deviceId,
    userId: scan.userId,
    scannedAt: scan.scannedAt,
    receivedAt: scan.now,
    wasOffline: input.offline ?? false,
    firstDeviceId: duplicateOf?.deviceId ?? null,
    firstScannedAt: duplicateOf ? new Date(duplicateOf.scannedAt) : null,
  };
}

/** What the log keeps of the scanned text: the token (cut), or which invitation was chosen by hand. */
const scannedText = (input: ScanInput) => (input.invitationId ? `manual:${input.invitationId}` : (input.token ?? "").slice(0, 200));

/**
 * The check-in on record becomes a duplicate of an earlier scan that reached the
 * server later: the check-in row takes the earlier scan's device, time and nonce;
 * the scan that had made it, and any duplicates of it, now point at the earlier one.
 * Only while the check-in on record is still the later one (another server may have
 * just put an even earlier scan there): false when it is not.
 */
async function takeOverCheckIn(db: Tx, winner: typeof checkIns.$inferInsert) {
  const { invitationId } = winner;
  const previous = await firstRow(db.select({ nonce: checkIns.nonce }).from(checkIns).where(eq(checkIns.invitationId, invitationId)));
  const taken = await db
    .update(checkIns)
    .set({
      siteId: winner.siteId,
      scannedAt: winner.scannedAt,
      receivedAt: winner.receivedAt,
      scannerUserId: winner.scannerUserId,
      deviceId: winner.deviceId,
      method: winner.method,
      isLate: winner.isLate,
      wasOffline: winner.wasOffline,
      nonce: winner.nonce,
    })
    .where(and(eq(checkIns.invitationId, invitationId), gt(checkIns.scannedAt, winner.scannedAt)))
    .returning({ id: checkIns.id });
  if (taken.length === 0) return false;
  const pointAtWinner = { verdict: "duplicate" as const, firstDeviceId: winner.deviceId, firstScannedAt: winner.scannedAt };
  if (previous?.nonce) await db.update(scanLog).set(pointAtWinner).where(eq(scanLog.nonce, previous.nonce));
  await db
    .update(scanLog)
    .set(pointAtWinner)
    .where(and(eq(scanLog.invitationId, invitationId), eq(scanLog.verdict, "duplicate")));
  return true;
}
