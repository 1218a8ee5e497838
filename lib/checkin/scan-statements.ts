/**
 * The check-in hot path's queries, prepared once per connection (db/prepared.ts: the SQL is built
 * once, only values change), on SQLite and PostgreSQL alike. Measured in docs/benchmarks.md.
 */
import { and, count, eq, gte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "@/db/client";
import { inTextList, listValue, textsHeld } from "@/db/json-rows";
import { connectionOf, prepared, preparedFirst } from "@/db/prepared";
import { checkIns, conferences, invitations, people, scanLog, sites, siteStaff, units, users } from "@/db/schema";

/** An invitation with everything the verdict and the door's answer need: its guest, and its check-in if it has one. */
function lettersWithCheckIns<Extra extends Record<string, SQL.Aliased | SQL>>(db: Db | Tx, extra: Extra = {} as Extra) {
  const checkInSite = alias(sites, "check_in_site");
  return db
    .select({
      ...extra,
      id: invitations.id,
      token: invitations.token,
      conferenceId: invitations.conferenceId,
      siteId: invitations.siteId,
      status: invitations.status,
      tokenVersion: invitations.tokenVersion,
      name: people.fullName,
      position: people.position,
      workplace: people.workplace,
      unitName: units.name,
      substituteName: invitations.substituteName,
      checkedInAt: checkIns.scannedAt,
      checkedInDevice: checkIns.deviceId,
      checkedInLate: checkIns.isLate,
      checkedInSiteId: checkIns.siteId,
      checkedInVenue: checkInSite.venue,
      checkedInBy: users.fullName,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .leftJoin(checkInSite, eq(checkInSite.id, checkIns.siteId))
    .leftJoin(users, eq(users.id, checkIns.scannerUserId))
    .$dynamic();
}

function build(db: Db | Tx) {
  // A name per statement: PostgreSQL prepares each once per pooled connection under it.
  const named = <Row>(name: string, query: PromiseLike<Row[]>) => prepared<Row>(db, query, `door_${name}`);
  /** An insert whose changed-row count is what is wanted (`changed`). */
  const namedWrite = (name: string, query: PromiseLike<unknown>) => prepared<never>(db, query, `door_${name}`);
  // The inserts run only inside a transaction (record-scan.ts); built here with the reads, on any handle.
  const writer = db as Tx;
  return {
    siteWithConference: named(
      "site_with_conference",
      db
        .select({
          id: sites.id,
          venue: sites.venue,
          isMain: sites.isMain,
          conferenceId: sites.conferenceId,
          campaignId: conferences.campaignId,
          status: conferences.status,
          startsAt: conferences.startsAt,
          endsAt: conferences.endsAt,
          graceMinutes: conferences.graceMinutes,
          bodyId: conferences.bodyId,
          title: conferences.title,
        })
        .from(sites)
        .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
        .where(eq(sites.id, sql.placeholder("siteId"))),
    ),
    staffAssignment: named(
      "staff_assignment",
      db
        .select({ siteId: siteStaff.siteId })
        .from(siteStaff)
        .where(and(eq(siteStaff.siteId, sql.placeholder("siteId")), eq(siteStaff.userId, sql.placeholder("userId")))),
    ),
    loggedNonce: named(
      "logged_nonce",
      db
        .select({ verdict: scanLog.verdict, invitationId: scanLog.invitationId })
        .from(scanLog)
        .where(eq(scanLog.nonce, sql.placeholder("nonce"))),
    ),
    /**
     * A device's scans received since a moment, every server's (the flood guard, device-rate-limit.ts; index
     * scan_log_device_idx). `since` is compared unmapped: db/dialect.ts, boundTime.
     */
    recentScansOfDevice: named(
      "recent_scans_of_device",
      db
        .select({ n: count() })
        .from(scanLog)
        .where(
          and(
            eq(scanLog.deviceId, sql.placeholder("deviceId")),
            gte(scanLog.receivedAt, sql.placeholder("since")),
            eq(scanLog.userId, sql.placeholder("userId")),
          ),
        ),
    ),
    /** Everything the verdict needs about an invitation, found by its exact token (unique index). */
    invitationByToken: named("invitation_by_token", lettersWithCheckIns(db).where(eq(invitations.token, sql.placeholder("token")))),
    /**
     * The same for a group's tokens (record-scans.ts), one query for all; each row also carries which of the
     * group's nonces the log holds already (the same list on every row: a group none of whose letters is found
     * has no scan that asks).
     */
    lettersByTokens: named(
      "letters_by_tokens",
      lettersWithCheckIns(db, { loggedNonces: textsHeld(scanLog, scanLog.nonce, sql.placeholder("nonces")) }).where(
        inTextList(invitations.token, sql.placeholder("tokens")),
      ),
    ),
    /**
     * The check-in, unless the invitation (or the nonce) has one: two servers judging one letter at once both
     * see none, and the database keeps the first (unique indexes); the other finds no row changed and
     * answers duplicate (record-scan.ts). Values are mapped through the columns as usual: Dates, booleans.
     */
    insertCheckIn: namedWrite(
      "insert_check_in",
      writer
        .insert(checkIns)
        .values({
          invitationId: sql.placeholder("invitationId"),
          conferenceId: sql.placeholder("conferenceId"),
          siteId: sql.placeholder("siteId"),
          scannedAt: sql.placeholder("scannedAt"),
          receivedAt: sql.placeholder("receivedAt"),
          scannerUserId: sql.placeholder("scannerUserId"),
          deviceId: sql.placeholder("deviceId"),
          method: sql.placeholder("method"),
          isLate: sql.placeholder("isLate"),
          wasOffline: sql.placeholder("wasOffline"),
          nonce: sql.placeholder("nonce"),
        })
        .onConflictDoNothing(),
    ),
    /** The log row; a nonce already logged (the same scan sent to two servers at once) is left as it is. */
    insertScanLog: namedWrite(
      "insert_scan_log",
      writer
        .insert(scanLog)
        .values({
          nonce: sql.placeholder("nonce"),
          token: sql.placeholder("token"),
          invitationId: sql.placeholder("invitationId"),
          conferenceId: sql.placeholder("conferenceId"),
          siteId: sql.placeholder("siteId"),
          verdict: sql.placeholder("verdict"),
          method: sql.placeholder("method"),
          deviceId: sql.placeholder("deviceId"),
          userId: sql.placeholder("userId"),
          scannedAt: sql.placeholder("scannedAt"),
          receivedAt: sql.placeholder("receivedAt"),
          wasOffline: sql.placeholder("wasOffline"),
          firstDeviceId: sql.placeholder("firstDeviceId"),
          // Wrapped so that null passes (the column's Date mapping would not take it): db/dialect.ts, boundTime.
          firstScannedAt: sql`${sql.placeholder("firstScannedAt")}`,
        })
        .onConflictDoNothing(),
    ),
  };
}

const cache = new WeakMap<object, ReturnType<typeof build>>();

/**
 * Prepared on the handle's own connection (db/prepared.ts, connectionOf): on SQLite the read-only one for the
 * app's handle, the write lane's inside a transaction; on PostgreSQL the pooled connection a transaction holds.
 * Built once per connection: every transaction on it shares them.
 */
export function scanStatements(db: Db | Tx) {
  const key = connectionOf(db);
  let statements = cache.get(key);
  if (!statements) cache.set(key, (statements = build(db)));
  return statements;
}

/** A site with its conference, as the door loads it (record-scan.ts's `Site`). */
export async function siteForScan(db: Db | Tx, siteId: number) {
  return await preparedFirst(scanStatements(db).siteWithConference, { siteId });
}

/**
 * The letters among a group's tokens, each with its check-in, and which of the group's nonces the log holds
 * (record-scans.ts: one query for all).
 */
export async function lettersForGroup(db: Db | Tx, tokens: string[], nonces: string[]) {
  if (tokens.length === 0) return { letters: [], loggedNonces: new Set<string>() };
  const letters = await scanStatements(db).lettersByTokens.rows({ tokens: listValue(tokens), nonces: listValue(nonces) });
  return { letters, loggedNonces: new Set(letters[0]?.loggedNonces ?? []) };
}
