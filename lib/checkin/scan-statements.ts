/**
 * The check-in hot path's queries, prepared once per connection (drizzle
 * prepared statements: the SQL is built once, only values change; they run the
 * same on PostgreSQL). Measured in docs/benchmarks.md.
 */
import { and, count, eq, gte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { sqliteSync, type Db as AppDb, type SyncSqlite as Db, type Tx } from "@/db/client";
import { checkIns, conferences, invitations, people, scanLog, sites, siteStaff, units, users } from "@/db/schema";

function build(db: Db) {
  const checkInSite = alias(sites, "check_in_site");
  return {
    siteWithConference: db
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
      .where(eq(sites.id, sql.placeholder("siteId")))
      .prepare(),
    staffAssignment: db
      .select({ siteId: siteStaff.siteId })
      .from(siteStaff)
      .where(and(eq(siteStaff.siteId, sql.placeholder("siteId")), eq(siteStaff.userId, sql.placeholder("userId"))))
      .prepare(),
    loggedNonce: db
      .select({ verdict: scanLog.verdict, invitationId: scanLog.invitationId })
      .from(scanLog)
      .where(eq(scanLog.nonce, sql.placeholder("nonce")))
      .prepare(),
    /** A device's scans received since a moment, every server's (the flood guard, device-rate-limit.ts; index scan_log_device_idx). */
    recentScansOfDevice: db
      .select({ n: count() })
      .from(scanLog)
      .where(
        and(
          eq(scanLog.deviceId, sql.placeholder("deviceId")),
          gte(scanLog.receivedAt, sql.placeholder("since")),
          eq(scanLog.userId, sql.placeholder("userId")),
        ),
      )
      .prepare(),
    /** Everything the verdict needs about an invitation, found by its exact token (unique index). */
    invitationByToken: db
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
      .where(eq(invitations.token, sql.placeholder("token")))
      .prepare(),
    // Values are mapped through the columns as usual: Dates for times, booleans for flags.
    insertCheckIn: db
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
      .prepare(),
    insertScanLog: db
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
        // Wrapped so that null passes (the column's Date mapping would not take it): milliseconds or null.
        firstScannedAt: sql`${sql.placeholder("firstScannedAtMs")}`,
      })
      .prepare(),
  };
}

const cache = new WeakMap<object, ReturnType<typeof build>>();

/** Prepared on the handle's own connection: the read-only one for the app's handle, the write lane's inside a transaction. */
export function scanStatements(handle: Db | AppDb | Tx) {
  const db = sqliteSync(handle);
  // Keyed by the connection, so that a transaction wrapper and its database share them.
  const key = (db as unknown as { $client?: object }).$client ?? db;
  let statements = cache.get(key);
  if (!statements) cache.set(key, (statements = build(db)));
  return statements;
}
