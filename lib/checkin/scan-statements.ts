/**
 * The check-in hot path's queries, prepared once per connection (db/prepared.ts: the SQL is built
 * once, only values change), on SQLite and PostgreSQL alike. Measured in docs/benchmarks.md.
 */
import { and, count, eq, gte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "@/db/client";
import { prepared, preparedFirst } from "@/db/prepared";
import { isPostgresHandle } from "@/db/postgres";
import { checkIns, conferences, invitations, people, scanLog, sites, siteStaff, units, users } from "@/db/schema";

function build(db: Db | Tx) {
  const checkInSite = alias(sites, "check_in_site");
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
    invitationByToken: named(
      "invitation_by_token",
      db
        .select({
          id: invitations.id,
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
        .where(eq(invitations.token, sql.placeholder("token"))),
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
          scannerUserId: sql.placeholder("userId"),
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
 * Prepared on the handle's own connection: on SQLite the read-only one for the app's handle, the write
 * lane's inside a transaction (keyed by the connection, so that every transaction on the lane shares them);
 * on PostgreSQL per handle (a transaction's statements run on its connection), built again per transaction.
 */
export function scanStatements(db: Db | Tx) {
  const key = isPostgresHandle(db) ? db : ((db as { $client?: object }).$client ?? db);
  let statements = cache.get(key);
  if (!statements) cache.set(key, (statements = build(db)));
  return statements;
}

/** A site with its conference, as the door loads it (record-scan.ts's `Site`). */
export async function siteForScan(db: Db | Tx, siteId: number) {
  return await preparedFirst(scanStatements(db).siteWithConference, { siteId });
}
