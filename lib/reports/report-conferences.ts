/**
 * The conferences a report covers: a filter (campaign, unit, organising body, conference, bridge
 * point, dates, category) within what the user may read (report-scope.ts), cancelled ones never.
 * The figures (conference-figures.ts) and the invitee lines (invitee-lines.ts) start from here.
 */
import { and, asc, eq, gte, lt, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, conferences, units } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { effectiveStatus } from "@/lib/conferences/effective-status";
import { zonedInstant } from "@/lib/time/zone";
import { reportScope } from "./report-scope";

export interface ReportFilter {
  campaignId: number;
  unitId?: number;
  bodyId?: number;
  conferenceId?: number;
  /** One bridge point of the conference: its invitees and walk-ins only. */
  siteId?: number;
  /** Date keys (yyyy-MM-dd, Vietnam), inclusive. */
  from?: string;
  to?: string;
  category?: string;
}

export type ReportConference = Awaited<ReturnType<typeof reportConferences>>[number];

/** Conditions on `conferences` for a filter, within the user's scope. Cancelled conferences are never counted. */
function conferenceWhere(db: Db, user: SessionUser, f: ReportFilter): SQL {
  return and(
    reportScope(db, user),
    eq(conferences.campaignId, f.campaignId),
    ne(conferences.status, "cancelled"),
    f.unitId ? eq(conferences.unitId, f.unitId) : undefined,
    f.bodyId ? eq(conferences.bodyId, f.bodyId) : undefined,
    f.conferenceId ? eq(conferences.id, f.conferenceId) : undefined,
    f.from ? gte(conferences.startsAt, zonedInstant(f.from)) : undefined,
    f.to ? lt(conferences.startsAt, new Date(zonedInstant(f.to).getTime() + 86_400_000)) : undefined,
  )!;
}

/** The conferences of a filter, with their status as of `now` (it follows the clock: lib/conferences/effective-status.ts). */
export async function reportConferences(db: Db, user: SessionUser, f: ReportFilter, now: Date = new Date()) {
  return await db
    .select({
      id: conferences.id,
      title: conferences.title,
      unitId: conferences.unitId,
      unitCode: units.code,
      unitName: units.name,
      bodyId: conferences.bodyId,
      bodyName: bodies.name,
      requirementId: conferences.requirementId,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
      status: effectiveStatus(db, now),
      graceMinutes: conferences.graceMinutes,
    })
    .from(conferences)
    .innerJoin(units, eq(units.id, conferences.unitId))
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .where(conferenceWhere(db, user, f))
    .orderBy(asc(units.sortOrder), asc(units.name), asc(conferences.startsAt));
}

/** Conference ids in groups small enough for one `in (…)` list. */
export const chunks = <T>(list: T[], size = 5000) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
