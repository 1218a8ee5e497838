import { and, asc, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, bodyKinds, conferences, sites, units } from "@/db/schema";
import { conferenceReadScope, conferenceWriteScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

export interface CalendarFilters {
  campaignId?: number;
  /** province: conferences of the root unit; district: of the units below it. */
  level?: "province" | "district";
  unitId?: number;
  bodyKind?: string;
  from?: Date;
  to?: Date;
}

export interface CalendarEvent {
  id: number;
  title: string;
  start: string;
  end: string;
  status: string;
  bodyKind: string;
  /** The body kind's colour, "#rrggbb" (kinds are data: body_kinds.colour). */
  colour: string;
  bodyName: string;
  unitName: string;
  /** The unit's place name ("Ba Tơ"): a month cell's short label, the colour telling the body. */
  unitPlace: string;
  venue: string;
  editable: boolean;
}

/** The conferences of the calendar, one event each, as plain serialisable objects. */
export async function listCalendarEvents(db: Db, user: SessionUser, filters: CalendarFilters = {}): Promise<CalendarEvent[]> {
  const rows = await db
    .select({
      id: conferences.id,
      title: conferences.title,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
      status: conferences.status,
      bodyKind: bodies.kind,
      colour: bodyKinds.colour,
      bodyName: bodies.name,
      unitName: units.name,
      unitPlace: units.placeName,
      venue: sites.venue,
      canWrite: sql<number>`case when ${conferenceWriteScope(user)} then 1 else 0 end`.mapWith(Number),
    })
    .from(conferences)
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .innerJoin(bodyKinds, eq(bodyKinds.key, bodies.kind))
    .innerJoin(units, eq(units.id, conferences.unitId))
    .leftJoin(sites, and(eq(sites.conferenceId, conferences.id), eq(sites.isMain, true)))
    .where(
      and(
        conferenceReadScope(db, user),
        filters.campaignId ? eq(conferences.campaignId, filters.campaignId) : undefined,
        filters.level === "province" ? isNull(units.parentId) : filters.level === "district" ? isNotNull(units.parentId) : undefined,
        filters.unitId ? eq(conferences.unitId, filters.unitId) : undefined,
        filters.bodyKind ? eq(bodies.kind, filters.bodyKind) : undefined,
        filters.to ? lt(conferences.startsAt, filters.to) : undefined,
        filters.from ? gt(conferences.endsAt, filters.from) : undefined,
      ),
    )
    .orderBy(asc(conferences.startsAt));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    start: r.startsAt.toISOString(),
    end: r.endsAt.toISOString(),
    status: r.status,
    bodyKind: r.bodyKind,
    colour: r.colour,
    bodyName: r.bodyName,
    unitName: r.unitName,
    unitPlace: r.unitPlace || r.unitName,
    venue: r.venue ?? "",
    editable: r.canWrite === 1 && r.status !== "held" && r.status !== "cancelled",
  }));
}
