/**
 * Scope in SQL: conditions to put in the `where` clause of every query that
 * reads or writes scoped data. The UI never decides what a user may see.
 */
import { and, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import { conferenceCoBodies, conferences, invitations, sites, siteStaff, units } from "@/db/schema";
import type { SessionUser } from "./session-user";

const ALWAYS = sql`1 = 1`;
const NEVER = sql`1 = 0`;

type Scoped = Pick<SessionUser, "scopeUnitIds">;

/**
 * A unit-id column limited to the user's units: their unit and those below it, every unit for
 * the root unit's users. The one place the subtree scope becomes SQL: units, bodies, users,
 * people… each pass their own column.
 */
export function inUnitScope(user: Scoped, unitIdColumn: SQLiteColumn): SQL {
  return user.scopeUnitIds === "all" ? ALWAYS : inArray(unitIdColumn, user.scopeUnitIds);
}

/** Whether a unit is in the user's subtree (the same rule, for a unit already read). */
export function coversUnit(user: Scoped, unitId: number): boolean {
  return user.scopeUnitIds === "all" || user.scopeUnitIds.includes(unitId);
}

/** The root unit's admin: the only one who changes province-wide data (kinds, templates, campaigns). */
export function isRootAdmin(user: Pick<SessionUser, "role" | "scopeUnitIds">): boolean {
  return user.role === "admin" && user.scopeUnitIds === "all";
}

/** Units the user may see. */
export function unitReadScope(user: SessionUser): SQL {
  return inUnitScope(user, units.id);
}

/**
 * Conferences the user may read:
 * - admin and province-level staff: all;
 * - district staff: their unit's conferences, and provincial ones with a bridge point in their unit;
 * - scanner: conferences with a site the user is assigned to.
 */
export function conferenceReadScope(db: Db, user: SessionUser): SQL {
  if (user.role === "scanner") {
    return exists(
      db
        .select({ one: sql`1` })
        .from(siteStaff)
        .innerJoin(sites, eq(sites.id, siteStaff.siteId))
        .where(and(eq(sites.conferenceId, conferences.id), eq(siteStaff.userId, user.id))),
    );
  }
  if (user.scopeUnitIds === "all") return ALWAYS;
  const ids = user.scopeUnitIds;
  return or(
    inArray(conferences.unitId, ids),
    exists(
      db
        .select({ one: sql`1` })
        .from(sites)
        .where(and(eq(sites.conferenceId, conferences.id), inArray(sites.unitId, ids))),
    ),
  )!;
}

/**
 * Conferences the user may change: an admin those of the units in their scope
 * (the root unit's admin: all; delegated administration, docs/decisions/0018); an organiser those of their own body.
 */
export function conferenceWriteScope(user: SessionUser): SQL {
  if (user.role === "admin") return user.scopeUnitIds === "all" ? ALWAYS : inArray(conferences.unitId, user.scopeUnitIds);
  if (user.role === "organizer" && user.bodyId !== null) return eq(conferences.bodyId, user.bodyId);
  return NEVER;
}

/** SQL: the conference (by an id column) belongs to one of these units. */
export function conferenceInUnits(conferenceIdColumn: SQLiteColumn, unitIds: number[]): SQL {
  return sql`${conferenceIdColumn} in (select ${conferences.id} from ${conferences} where ${inArray(conferences.unitId, unitIds)})`;
}

/** Whether an admin's scope covers a unit (the root unit's admin: every unit). */
export function adminCoversUnit(user: SessionUser, unitId: number): boolean {
  return user.role === "admin" && coversUnit(user, unitId);
}

/** The conference a site belongs to, under its own name so that the scope can sit inside queries that also read `conferences`. */
const siteConference = alias(conferences, "scope_site_conference");
const siteCoBody = alias(conferenceCoBodies, "scope_site_co_body");

/**
 * The part of a conference the user may read, as SQL on `sites` (docs/decisions/0015): the
 * one scope function of every page and API of a conference: its sites, its
 * invitees (by their site), its counts. Put it in the `where` clause of any
 * query that reads `sites` or joins invitations or check-ins to their site.
 * - admins and province-level staff: every site;
 * - door staff: the sites they are assigned to;
 * - district staff: every site of their own unit's conferences (and of
 *   conferences their body organises or co-organises); of another unit's
 *   conference (a provincial one with a bridge point in their district) only
 *   the sites in their unit.
 */
export function siteReadScope(db: Db, user: SessionUser): SQL {
  if (user.role === "scanner") {
    return exists(
      db
        .select({ one: sql`1` })
        .from(siteStaff)
        .where(and(eq(siteStaff.siteId, sites.id), eq(siteStaff.userId, user.id))),
    );
  }
  if (user.scopeUnitIds === "all") return ALWAYS;
  const ids = user.scopeUnitIds;
  const bodyId = user.role === "organizer" ? user.bodyId : null;
  return or(
    inArray(sites.unitId, ids),
    exists(
      db
        .select({ one: sql`1` })
        .from(siteConference)
        .where(
          and(
            eq(siteConference.id, sites.conferenceId),
            or(
              inArray(siteConference.unitId, ids),
              bodyId === null ? undefined : eq(siteConference.bodyId, bodyId),
              bodyId === null
                ? undefined
                : exists(
                    db
                      .select({ one: sql`1` })
                      .from(siteCoBody)
                      .where(and(eq(siteCoBody.conferenceId, siteConference.id), eq(siteCoBody.bodyId, bodyId))),
                  ),
            ),
          ),
        ),
    ),
  )!;
}

/**
 * Whether the user may see an invitation's token (its QR, its personal link):
 * the token is the door credential, so only the body that issued it and admins
 * (of the conference's unit or above). SQL on `invitations`.
 */
export function invitationTokenScope(user: SessionUser): SQL {
  if (user.role === "admin") return user.scopeUnitIds === "all" ? ALWAYS : conferenceInUnits(invitations.conferenceId, user.scopeUnitIds);
  if (user.role === "organizer" && user.bodyId !== null) return eq(invitations.bodyId, user.bodyId);
  return NEVER;
}

/**
 * The same scope as a condition on a site id column (an invitation's or a
 * check-in's site), for aggregates that do not join `sites`; undefined when the
 * user reads every site.
 */
export function inSiteScope(db: Db, user: SessionUser, siteIdColumn: SQLiteColumn): SQL | undefined {
  if (user.role !== "scanner" && user.scopeUnitIds === "all") return undefined;
  return inArray(siteIdColumn, db.select({ id: sites.id }).from(sites).where(siteReadScope(db, user)));
}
