import { and, count, eq, inArray, ne, notInArray, or } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { auditLog, bodies, conferences, sites, unitFeeds, units } from "@/db/schema";
import { installationId } from "@/lib/settings/installation-id";
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

/** Where an event links to, and what identifies it across installations and revisions. */
interface EventContext {
  baseUrl: string;
  installation: string;
  /** Changes recorded for each conference since it was made: the event's SEQUENCE. */
  revisions: Map<number, number>;
  /** The link of the event; by default the conference's page (staff only). */
  url?: string;
}

/**
 * How many times each conference changed after it was made (moves, edits, status, cancellation,
 * bridge points), from the audit log, which is never rewritten: a number that only grows.
 */
async function revisions(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: auditLog.entityId, n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "conference"), inArray(auditLog.entityId, ids.map(String)), notInArray(auditLog.action, ["create", "duplicate"])))
    .groupBy(auditLog.entityId);
  return new Map(rows.map((r) => [Number(r.id), r.n]));
}

function toEvent(c: ConferenceRow, venue: string | undefined, context: EventContext): IcsEvent {
  const description = [
    `Cơ quan tổ chức: ${c.bodyName}`,
    c.chair ? `Chủ trì: ${c.chair}` : "",
    c.audience ? `Thành phần: ${c.audience}` : "",
    c.agenda ? `Chương trình:\n${c.agenda}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return {
    uid: `conference-${c.id}-${context.installation}@quan-triet`,
    start: c.startsAt,
    end: c.endsAt,
    summary: c.title,
    location: venue,
    description,
    url: context.url ?? `${context.baseUrl.replace(/\/$/, "")}/conferences/${c.id}`,
    status: STATUS[c.status] ?? "CONFIRMED",
    lastModified: c.updatedAt ?? c.createdAt,
    sequence: context.revisions.get(c.id) ?? 0,
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

async function mainVenues(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  return new Map(
    (
      await db
        .select({ conferenceId: sites.conferenceId, venue: sites.venue, address: sites.address })
        .from(sites)
        .where(and(inArray(sites.conferenceId, ids), eq(sites.isMain, true)))
    ).map((s) => [s.conferenceId, [s.venue, s.address].filter(Boolean).join(", ")]),
  );
}

/** Where a unit's people go: its own bridge point of each conference, else the main site. */
async function unitVenues(db: Db, ids: number[], unitId: number): Promise<Map<number, string>> {
  const venues = await mainVenues(db, ids);
  if (ids.length === 0) return venues;
  const own = await db
    .select({ conferenceId: sites.conferenceId, venue: sites.venue, address: sites.address })
    .from(sites)
    .where(and(inArray(sites.conferenceId, ids), eq(sites.unitId, unitId)))
    .orderBy(sites.id);
  for (const s of own.reverse()) venues.set(s.conferenceId, [s.venue, s.address].filter(Boolean).join(", "));
  return venues;
}

/**
 * One conference as an .ics file, at the given site (the first of the user's part
 * of the conference: a district user's bridge point, not the province's hall).
 * The caller has already checked that the user may read it.
 */
export async function conferenceIcs(
  db: Db,
  conferenceId: number,
  baseUrl: string,
  site: { venue: string; address: string | null } | undefined,
  options: { url?: string } = {},
): Promise<string | null> {
  const row = await firstRow(db.select(columns).from(conferences).innerJoin(bodies, eq(bodies.id, conferences.bodyId)).where(eq(conferences.id, conferenceId)));
  if (!row) return null;
  const context: EventContext = { baseUrl, installation: await installationId(db), revisions: await revisions(db, [row.id]), url: options.url };
  return buildCalendar(row.title, [toEvent(row, site ? [site.venue, site.address].filter(Boolean).join(", ") : undefined, context)]);
}

/**
 * A unit's feed: its conferences and those with a bridge point in it, drafts
 * excepted (a feed is read outside the app). Null when the token is unknown or revoked.
 */
export async function unitFeedIcs(db: Db, token: string, baseUrl: string): Promise<string | null> {
  const feed = await firstRow(
    db
      .select({ unitId: unitFeeds.unitId, unitName: units.name, revokedAt: unitFeeds.revokedAt })
      .from(unitFeeds)
      .innerJoin(units, eq(units.id, unitFeeds.unitId))
      .where(eq(unitFeeds.token, token)),
  );
  if (!feed || feed.revokedAt) return null;
  const bridged = db.select({ id: sites.conferenceId }).from(sites).where(eq(sites.unitId, feed.unitId));
  const rows = await db
    .select(columns)
    .from(conferences)
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .where(and(ne(conferences.status, "draft"), or(eq(conferences.unitId, feed.unitId), inArray(conferences.id, bridged))))
    .orderBy(conferences.startsAt);
  const ids = rows.map((r) => r.id);
  const venues = await unitVenues(db, ids, feed.unitId);
  const context: EventContext = { baseUrl, installation: await installationId(db), revisions: await revisions(db, ids) };
  return buildCalendar(
    `Hội nghị — ${feed.unitName}`,
    rows.map((r) => toEvent(r, venues.get(r.id), context)),
  );
}
