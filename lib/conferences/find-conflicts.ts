/**
 * Scheduling conflicts, checked on the server on every save and every move.
 *
 * Blocking (the save is refused):
 *  - the end is not after the start;
 *  - a site's venue is used by another conference at an overlapping time.
 * Warnings (the user must confirm):
 *  - invitees of this conference are invited to another overlapping one;
 *  - a district-level conference before the provincial Standing Committee conference of the campaign;
 *  - a conference that ends after the campaign's deadline;
 *  - a site with more invitations than its capacity.
 *
 * Two intervals overlap when each starts before the other ends: a conference
 * ending at 11:30 and one starting at 11:30 do not conflict.
 */
import { and, count, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, campaigns, conferences, invitations, sites, units } from "@/db/schema";
import { foldForSearch } from "@/lib/text/fold";
import { formatDate, formatDateKey, formatRange } from "@/lib/time/format";
import { zonedDateKey } from "@/lib/time/zone";

export const CONFLICT_CODES = ["end_before_start", "venue_clash", "invitee_overlap", "before_provincial_standing", "after_deadline", "over_capacity"] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export interface Conflict {
  code: ConflictCode;
  blocking: boolean;
  /** Values for the message ("conflicts.<code>" in the messages). */
  params: Record<string, string | number>;
}

export interface ConflictCandidate {
  /** Absent for a conference not yet saved. */
  conferenceId?: number;
  campaignId: number;
  unitId: number;
  startsAt: Date;
  endsAt: Date;
  /** The sites as they will be after the save. */
  sites: { id?: number; unitId: number; venue: string; capacity: number | null }[];
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Two sites are the same place when they are in the same unit under the same venue name (case, accents and spaces aside). */
export function venueKey(site: { unitId: number; venue: string }): string {
  return `${site.unitId}|${foldForSearch(site.venue)}`;
}

export async function findConflicts(db: Db, c: ConflictCandidate): Promise<Conflict[]> {
  if (c.endsAt.getTime() <= c.startsAt.getTime()) {
    return [{ code: "end_before_start", blocking: true, params: {} }];
  }
  const conflicts: Conflict[] = [];
  const notSelf = c.conferenceId ? ne(conferences.id, c.conferenceId) : undefined;
  const overlapping = and(ne(conferences.status, "cancelled"), lt(conferences.startsAt, c.endsAt), gt(conferences.endsAt, c.startsAt), notSelf);

  // Blocking: the same venue at an overlapping time.
  const wanted = new Map(c.sites.map((s) => [venueKey(s), s.venue]));
  if (wanted.size > 0) {
    const others = await db
      .select({
        unitId: sites.unitId,
        venue: sites.venue,
        title: conferences.title,
        unitName: units.name,
        startsAt: conferences.startsAt,
        endsAt: conferences.endsAt,
      })
      .from(sites)
      .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
      .innerJoin(units, eq(units.id, conferences.unitId))
      .where(and(overlapping, inArray(sites.unitId, [...new Set(c.sites.map((s) => s.unitId))])));
    const reported = new Set<string>();
    for (const other of others) {
      const key = venueKey(other);
      if (!wanted.has(key) || reported.has(key)) continue;
      reported.add(key);
      conflicts.push({
        code: "venue_clash",
        blocking: true,
        params: { venue: wanted.get(key)!, other: other.title, otherUnit: other.unitName, time: formatRange(other.startsAt, other.endsAt) },
      });
    }
  }

  // Warning: invitees already invited to another overlapping conference.
  if (c.conferenceId) {
    const mine = db
      .select({ personId: invitations.personId })
      .from(invitations)
      .where(and(eq(invitations.conferenceId, c.conferenceId), ne(invitations.status, "revoked")));
    const clashes = await db
      .select({ title: conferences.title, n: count() })
      .from(invitations)
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .where(and(overlapping, ne(invitations.status, "revoked"), inArray(invitations.personId, mine)))
      .groupBy(conferences.id);
    for (const clash of clashes) {
      conflicts.push({ code: "invitee_overlap", blocking: false, params: { count: clash.n, other: clash.title } });
    }
  }

  // Warning: a district-level conference before the provincial Standing Committee conference.
  const unit = await firstRow(db.select({ parentId: units.parentId }).from(units).where(eq(units.id, c.unitId)));
  if (unit?.parentId != null) {
    const provincial = await firstRow(
      db
        .select({ startsAt: conferences.startsAt })
        .from(conferences)
        .innerJoin(units, eq(units.id, conferences.unitId))
        .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
        .where(
          and(
            eq(conferences.campaignId, c.campaignId),
            isNull(units.parentId),
            eq(bodies.kind, "standing_committee"),
            ne(conferences.status, "cancelled"),
            notSelf,
          ),
        )
        .orderBy(conferences.startsAt),
    );
    if (provincial && c.startsAt.getTime() < provincial.startsAt.getTime()) {
      conflicts.push({ code: "before_provincial_standing", blocking: false, params: { date: formatDate(provincial.startsAt) } });
    }
  }

  // Warning: after the campaign's deadline.
  const campaign = await firstRow(db.select({ deadline: campaigns.deadline }).from(campaigns).where(eq(campaigns.id, c.campaignId)));
  if (campaign && zonedDateKey(c.endsAt) > campaign.deadline) {
    conflicts.push({ code: "after_deadline", blocking: false, params: { deadline: formatDateKey(campaign.deadline) } });
  }

  // Warning: more invitations than seats.
  const siteIds = c.sites.map((s) => s.id).filter((id): id is number => id !== undefined);
  if (siteIds.length > 0) {
    const invited = new Map(
      (
        await db
          .select({ siteId: invitations.siteId, n: count() })
          .from(invitations)
          .where(and(inArray(invitations.siteId, siteIds), ne(invitations.status, "revoked"), sql`${invitations.kind} = 'invited'`))
          .groupBy(invitations.siteId)
      ).map((r) => [r.siteId, r.n]),
    );
    for (const site of c.sites) {
      const n = site.id ? (invited.get(site.id) ?? 0) : 0;
      if (site.capacity !== null && n > site.capacity) {
        conflicts.push({ code: "over_capacity", blocking: false, params: { venue: site.venue, invited: n, capacity: site.capacity } });
      }
    }
  }

  return conflicts;
}
