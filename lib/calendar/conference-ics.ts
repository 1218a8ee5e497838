import { and, eq, inArray, ne, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, conferences, sites, unitFeeds, units } from "@/db/schema";
import { buildCalendar, type IcsEvent } from "./ics";

type ConferenceRow = {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  chair: string;
  audience: string;
  agenda: string;
  bodyName: string;
  updatedAt: Date | null;
  createdAt: Date;
};

const STATUS: Record<string, IcsEvent["status"]> = { cancelled: "CANCELLED", draft: "TENTATIVE" };

function toEvent(c: ConferenceRow, venue: string | undefined, baseUrl: string): IcsEvent {
  const description = [
    `Cơ quan tổ chức: ${c.bodyName}`,
    c.chair ? `Chủ trì: ${c.chair}` : "",
    c.audience ? `Thành phần: ${c.audience}` : "",
    c.agenda ? `Chương trình:\n${c.agenda}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return {
    uid: `conference-${c.id}@quan-triet`,
    start: c.startsAt,
    end: c.endsAt,
    summary: c.title,
    location: venue,
    description,
    url: `${baseUrl.replace(/\/$/, "")}/conferences/${c.id}`,
    status: STATUS[c.status] ?? "CONFIRMED",
    lastModified: c.updatedAt ?? c.createdAt,
  };
}

const columns = {
  id: conferences.id,
  title: conferences.title,
  startsAt: conferences.startsAt,
  endsAt: conferences.endsAt,
  status: conferences.status,
  chair: conferences.chair,
  audience: conferences.audience,
  agenda: conferences.agenda,
  bodyName: bodies.name,
  updatedAt: conferences.updatedAt,
  createdAt: conferences.createdAt,
};

function mainVenues(db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ conferenceId: sites.conferenceId, venue: sites.venue, address: sites.address })
      .from(sites)
      .where(and(inArray(sites.conferenceId, ids), eq(sites.isMain, true)))
      .all()
      .map((s) => [s.conferenceId, [s.venue, s.address].filter(Boolean).join(", ")]),
  );
}

/** Where a unit's people go: its own bridge point of each conference, else the main site. */
function unitVenues(db: Db, ids: number[], unitId: number): Map<number, string> {
  const venues = mainVenues(db, ids);
  if (ids.length === 0) return venues;
  const own = db
    .select({ conferenceId: sites.conferenceId, venue: sites.venue, address: sites.address })
    .from(sites)
    .where(and(inArray(sites.conferenceId, ids), eq(sites.unitId, unitId)))
    .orderBy(sites.id)
    .all();
  for (const s of own.reverse()) venues.set(s.conferenceId, [s.venue, s.address].filter(Boolean).join(", "));
  return venues;
}

/**
 * One conference as an .ics file, at the given site (the first of the user's part
 * of the conference: a district user's bridge point, not the province's hall).
 * The caller has already checked that the user may read it.
 */
export function conferenceIcs(db: Db, conferenceId: number, baseUrl: string, site: { venue: string; address: string | null } | undefined): string | null {
  const row = db.select(columns).from(conferences).innerJoin(bodies, eq(bodies.id, conferences.bodyId)).where(eq(conferences.id, conferenceId)).get();
  if (!row) return null;
  return buildCalendar(row.title, [toEvent(row, site ? [site.venue, site.address].filter(Boolean).join(", ") : undefined, baseUrl)]);
}

/**
 * A unit's feed: its conferences and those with a bridge point in it, drafts
 * excepted (a feed is read outside the app). Null when the token is unknown or revoked.
 */
export function unitFeedIcs(db: Db, token: string, baseUrl: string): string | null {
  const feed = db
    .select({ unitId: unitFeeds.unitId, unitName: units.name, revokedAt: unitFeeds.revokedAt })
    .from(unitFeeds)
    .innerJoin(units, eq(units.id, unitFeeds.unitId))
    .where(eq(unitFeeds.token, token))
    .get();
  if (!feed || feed.revokedAt) return null;
  const bridged = db.select({ id: sites.conferenceId }).from(sites).where(eq(sites.unitId, feed.unitId));
  const rows = db
    .select(columns)
    .from(conferences)
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .where(and(ne(conferences.status, "draft"), or(eq(conferences.unitId, feed.unitId), inArray(conferences.id, bridged))))
    .orderBy(conferences.startsAt)
    .all();
  const venues = unitVenues(db, rows.map((r) => r.id), feed.unitId);
  return buildCalendar(`Hội nghị — ${feed.unitName}`, rows.map((r) => toEvent(r, venues.get(r.id), baseUrl)));
}
