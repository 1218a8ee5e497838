/**
 * Scope in SQL: conditions to put in the `where` clause of every query that
 * reads or writes scoped data. The UI never decides what a user may see.
 */
import { and, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conferences, sites, siteStaff, units } from "@/db/schema";
import type { SessionUser } from "./session-user";

const ALWAYS = sql`1 = 1`;
const NEVER = sql`1 = 0`;

/** Units the user may see. */
export function unitReadScope(user: SessionUser): SQL {
  return user.scopeUnitIds === "all" ? ALWAYS : inArray(units.id, user.scopeUnitIds);
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

/** Conferences the user may change: admin all; an organiser those of their own body. */
export function conferenceWriteScope(user: SessionUser): SQL {
  if (user.role === "admin") return ALWAYS;
  if (user.role === "organizer" && user.bodyId !== null) return eq(conferences.bodyId, user.bodyId);
  return NEVER;
}
