import { mapInOrder } from "@/lib/async/in-order";
/**
 * What each report page and export shows: the conference, a unit, an
 * organising body, the campaign. Each returns null when the user may not read
 * it (the page answers 404, the export 404). Scope is in the SQL of
 * report-conferences.ts and of the lookups below.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, bodyKinds, campaignRequirements, campaigns, sites, units } from "@/db/schema";
import { siteReadScope, unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { getBoard } from "@/lib/board/get-board";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { getInvitingConference } from "@/lib/invitations/invitation-scope";
import { can } from "@/lib/permissions";
import { conferenceFigures, type ConferenceFigures } from "./conference-figures";
import { absentees, conferenceInviteePage, conferenceWalkIns, type InviteeQuery, type InviteeSort } from "./invitee-lines";
import type { ReportFilter } from "./report-conferences";
import { attendanceRate, EMPTY_TALLY, addTallies, sumEssays, sumTallies, type EssayCounts, type Tally } from "./attendance-rules";

export interface Split {
  total: Tally;
  member: Tally;
  nonMember: Tally;
  categories: Record<string, Tally>;
}

/** Totals of several conferences, with the Party and category splits. */
export function splitOf(figures: ConferenceFigures[]): Split {
  const categories: Record<string, Tally> = {};
  for (const f of figures) for (const [k, t] of Object.entries(f.categories)) categories[k] = addTallies(categories[k] ?? EMPTY_TALLY, t);
  return {
    total: sumTallies(figures.map((f) => f.total)),
    member: sumTallies(figures.map((f) => f.member)),
    nonMember: sumTallies(figures.map((f) => f.nonMember)),
    categories,
  };
}

export async function campaignFor(db: Db, user: SessionUser, campaignId: number | undefined, now: Date) {
  if (campaignId) return (await firstRow(db.select().from(campaigns).where(eq(campaigns.id, campaignId)))) ?? null;
  return await getCurrentCampaign(db, user, now);
}

// ---------------------------------------------------------------------------

export async function getConferenceReport(
  db: Db,
  user: SessionUser,
  conferenceId: number,
  q: InviteeQuery & { sort?: InviteeSort; page?: number },
  now: Date = new Date(),
  { withInvitees = true } = {},
) {
  const conferenceRow = await db.query.conferences.findFirst({ where: (c, { eq: e }) => e(c.id, conferenceId) });
  if (!conferenceRow) return null;
  const [figures] = await conferenceFigures(db, user, { campaignId: conferenceRow.campaignId, conferenceId }, now);
  if (!figures) return null;
  const siteList = await db
    .select({ id: sites.id, venue: sites.venue, isMain: sites.isMain })
    .from(sites)
    .where(eq(sites.conferenceId, conferenceId))
    .orderBy(asc(sites.id));
  const siteFigures =
    siteList.length > 1
      ? await mapInOrder(siteList, async (s) => ({
          site: s,
          figures: (await conferenceFigures(db, user, { campaignId: conferenceRow.campaignId, conferenceId, siteId: s.id }, now))[0],
        }))
      : [];
  const inviting = can(user.role, "invitation:manage") ? await getInvitingConference(db, user, conferenceId) : null;
  return {
    conference: figures.conference,
    figures,
    split: splitOf([figures]),
    sites: siteList,
    siteFigures,
    invitees: withInvitees ? await conferenceInviteePage(db, figures.conference, q, now) : { lines: [], total: 0, page: 1, pages: 1 },
    walkIns: await conferenceWalkIns(db, conferenceId, q.siteId),
    canRecord: Boolean(inviting) && can(user.role, "absence:record"),
  };
}
export type ConferenceReport = NonNullable<Awaited<ReturnType<typeof getConferenceReport>>>;

// ---------------------------------------------------------------------------

export async function readableUnit(db: Db, user: SessionUser, code: string) {
  return (
    (await firstRow(
      db
        .select()
        .from(units)
        .where(and(eq(units.code, code), unitReadScope(user))),
    )) ?? null
  );
}

export async function readableBody(db: Db, user: SessionUser, bodyId: number) {
  const body = await firstRow(
    db
      .select({ id: bodies.id, name: bodies.name, unitId: bodies.unitId, unitName: units.name, unitCode: units.code })
      .from(bodies)
      .innerJoin(units, eq(units.id, bodies.unitId))
      .where(eq(bodies.id, bodyId)),
  );
  if (!body) return null;
  if (user.role === "organizer") return user.bodyId === bodyId ? body : null;
  if (user.role !== "viewer" && user.role !== "admin") return null;
  return user.scopeUnitIds === "all" || user.scopeUnitIds.includes(body.unitId) ? body : null;
}

/** A unit's or a body's conferences in the campaign: figures, absentees, who needs a make-up session. */
export async function getGroupReport(db: Db, user: SessionUser, filter: ReportFilter, now: Date = new Date()) {
  const figures = await conferenceFigures(db, user, filter, now);
  const absent = await absentees(db, user, filter, now);
  return {
    figures,
    split: splitOf(figures),
    essays: sumEssays(figures.map((f) => f.essays)),
    absentees: absent,
    needsMakeUp: absent.filter((a) => !a.makeUpAttendedAt),
  };
}

export async function getUnitReport(
  db: Db,
  user: SessionUser,
  code: string,
  filter: Omit<ReportFilter, "unitId" | "campaignId"> & { campaignId?: number },
  now: Date = new Date(),
) {
  const unit = await readableUnit(db, user, code);
  const campaign = await campaignFor(db, user, filter.campaignId, now);
  if (!unit || !campaign) return null;
  const group = await getGroupReport(db, user, { ...filter, campaignId: campaign.id, unitId: unit.id }, now);
  const progress = await getBoard(db, user, campaign.id, now);
  const progressRow = progress?.rows.find((r) => r.unit.id === unit.id) ?? null;
  return { unit, campaign, ...group, requirements: progress?.requirements ?? [], progress: progressRow };
}

export async function getBodyReport(
  db: Db,
  user: SessionUser,
  bodyId: number,
  filter: Omit<ReportFilter, "bodyId" | "campaignId"> & { campaignId?: number },
  now: Date = new Date(),
) {
  const body = await readableBody(db, user, bodyId);
  const campaign = await campaignFor(db, user, filter.campaignId, now);
  if (!body || !campaign) return null;
  return { body, campaign, ...(await getGroupReport(db, user, { ...filter, campaignId: campaign.id, bodyId }, now)) };
}

// ---------------------------------------------------------------------------

export interface CampaignUnitRow {
  unit: { id: number; code: string; name: string };
  /** Per required conference: its figures, or null when none was counted (missing, cancelled, out of the filter). */
  cells: { requirementId: number; column: string; conferenceId: number | null; tally: Tally | null; rate: number | null }[];
  total: Tally;
  rate: number | null;
  /** Reflection essays of the unit's conferences. */
  essays: EssayCounts;
  /** Required conferences with no counted conference. */
  missing: number;
}

/** Per unit and per required conference; the units furthest behind first. */
export async function getCampaignReport(db: Db, user: SessionUser, filter: Omit<ReportFilter, "campaignId"> & { campaignId?: number }, now: Date = new Date()) {
  const campaign = await campaignFor(db, user, filter.campaignId, now);
  if (!campaign) return null;
  const f: ReportFilter = { ...filter, campaignId: campaign.id };
  const figures = await conferenceFigures(db, user, f, now);
  const requirements = await db
    .select()
    .from(campaignRequirements)
    .where(eq(campaignRequirements.campaignId, campaign.id))
    .orderBy(asc(campaignRequirements.sortOrder), asc(campaignRequirements.id));
  const unitIds = [...new Set(figures.map((x) => x.conference.unitId))];
  const unitRows = unitIds.length
    ? await db
        .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, sortOrder: units.sortOrder })
        .from(units)
        .where(inArray(units.id, unitIds))
    : [];
  const byUnit = new Map<number, ConferenceFigures[]>();
  for (const x of figures) byUnit.set(x.conference.unitId, [...(byUnit.get(x.conference.unitId) ?? []), x]);
  // Columns of the unit × conference views: one per organising body kind; a unit kind that
  // requires two conferences of one body kind (the province's joint conference) gets a second column.
  const columnOf = new Map<number, string>();
  const columnTitle = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const r of requirements) {
    const n = (seen.get(`${r.unitKind}:${r.bodyKind}`) ?? 0) + 1;
    seen.set(`${r.unitKind}:${r.bodyKind}`, n);
    const key = n === 1 ? r.bodyKind : `${r.bodyKind}:${n}`;
    columnOf.set(r.id, key);
    if (!columnTitle.has(key)) columnTitle.set(key, r.title);
  }
  // Columns in the body kinds' own order (kinds are data: body_kinds.sort_order), a second column of one kind after the first.
  const kindOrder = new Map((await db.select({ key: bodyKinds.key, sortOrder: bodyKinds.sortOrder }).from(bodyKinds)).map((k) => [k.key, k.sortOrder]));
  const rank = (key: string) => (kindOrder.get(key.split(":")[0]) ?? 1000) * 10 + Number(key.split(":")[1] ?? 1);
  const columns = [...columnTitle.keys()]
    .sort((a, b) => rank(a) - rank(b))
    .map((key) => ({ key, bodyKind: key.split(":")[0], second: key.includes(":"), title: columnTitle.get(key)! }));
  const rows: CampaignUnitRow[] = unitRows.map((unit) => {
    const list = byUnit.get(unit.id) ?? [];
    const required = requirements.filter((r) => r.unitKind === unit.kind);
    const cells = required.map((r) => {
      const matching = list.filter((x) => x.conference.requirementId === r.id);
      const tally = matching.length ? sumTallies(matching.map((x) => x.total)) : null;
      return {
        requirementId: r.id,
        column: columnOf.get(r.id)!,
        conferenceId: matching[0]?.conference.id ?? null,
        tally,
        rate: tally ? attendanceRate(tally) : null,
      };
    });
    const total = sumTallies(list.map((x) => x.total));
    return { unit, cells, total, rate: attendanceRate(total), essays: sumEssays(list.map((x) => x.essays)), missing: cells.filter((c) => !c.tally).length };
  });
  // Furthest behind first: more missing conferences, then the lower rate (unknown last), then the name.
  rows.sort((a, b) => b.missing - a.missing || (a.rate ?? 2) - (b.rate ?? 2) || a.unit.name.localeCompare(b.unit.name, "vi"));
  // Held: the status as of now (decision 0022), the same count as the board's and the unit reports'.
  const heldCount = figures.filter((x) => x.conference.status === "held").length;
  return {
    campaign,
    requirements,
    columns,
    rows,
    split: splitOf(figures),
    essays: sumEssays(figures.map((x) => x.essays)),
    conferenceCount: figures.length,
    heldCount,
    conferenceIds: figures.map((x) => x.conference.id),
  };
}
export type CampaignReport = NonNullable<Awaited<ReturnType<typeof getCampaignReport>>>;

/** The bridge points (sites other than a main hall) of these conferences that the user may read. */
export async function countBridgePoints(db: Db, user: SessionUser, conferenceIds: number[]): Promise<number> {
  if (conferenceIds.length === 0) return 0;
  return (await firstRow(
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(sites)
      .where(and(inArray(sites.conferenceId, conferenceIds), eq(sites.isMain, false), siteReadScope(db, user))),
  ))!.n;
}
