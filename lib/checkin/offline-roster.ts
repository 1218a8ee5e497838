/**
 * Builds a site's offline roster (roster-format.ts). The caller has checked
 * that the user may scan at the site (getScanSite).
 */
import { and, asc, count, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { epochMillis } from "@/db/dialect";
import { checkIns, conferences, invitations, people, sites, units, users } from "@/db/schema";
import { ensureCampaignKeys, verificationKeys } from "@/lib/invitations/campaign-keys";
import { rawPublicKey } from "@/lib/tokens/qr-token";
import { doorSiteOf, type Site } from "./record-scan";
import { ROSTER_FORMAT, type OfflineRoster, type OtherConferenceRow, type RosterRow } from "./shared/roster-format";

export async function buildOfflineRoster(db: Db, site: Site, now: Date = new Date()): Promise<OfflineRoster> {
  await ensureCampaignKeys(db, site.campaignId);
  // Retired keys too (letters issued before a rotation), never revoked ones.
  const keys = (await verificationKeys(db)).map((k) => ({ campaignId: k.campaignId, publicKeyRaw: rawPublicKey(k.publicKey) }));
  const rows = await db
    .select({
      id: invitations.id,
      siteId: invitations.siteId,
      status: invitations.status,
      tokenVersion: invitations.tokenVersion,
      name: people.fullName,
      position: people.position,
      workplace: people.workplace,
      unitName: units.name,
      substitute: invitations.substituteName,
      phone: people.phone,
      checkedAt: checkIns.scannedAt,
      device: checkIns.deviceId,
      checkedSite: checkIns.siteId,
      checkedBy: users.fullName,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .leftJoin(users, eq(users.id, checkIns.scannerUserId))
    .where(and(eq(invitations.siteId, site.id), eq(invitations.kind, "invited"), inArray(invitations.status, ["issued", "revoked", "draft"])))
    .orderBy(asc(people.searchName));
  const unitNames: string[] = [];
  const unitIndex = new Map<string, number>();
  const indexOf = (name: string) => {
    let i = unitIndex.get(name);
    if (i === undefined) unitIndex.set(name, (i = unitNames.push(name) - 1));
    return i;
  };
  const scannerNames: string[] = [];
  const scannerIndex = new Map<string, number>();
  const scannerOf = (name: string | null) => {
    if (!name) return -1;
    let i = scannerIndex.get(name);
    if (i === undefined) scannerIndex.set(name, (i = scannerNames.push(name) - 1));
    return i;
  };
  const invitationRows: RosterRow[] = rows.map((r) =>
    r.status === "draft"
      ? [r.id, r.siteId, "d", r.tokenVersion, "", "", "", indexOf(""), "", "", 0, "", 0, -1]
      : [
          r.id,
          r.siteId,
          r.status === "revoked" ? "r" : "i",
          r.tokenVersion,
          r.name,
          r.position,
          r.workplace,
          indexOf(r.unitName),
          r.substitute ?? "",
          phoneTail(r.phone),
          r.checkedAt?.getTime() ?? 0,
          r.device ?? "",
          r.checkedSite ?? 0,
          scannerOf(r.checkedBy),
        ],
  );
  const walkIns = (await firstRow(
    db
      .select({ n: count() })
      .from(checkIns)
      .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
      .where(and(eq(checkIns.siteId, site.id), eq(invitations.kind, "walk_in"))),
  ))!.n;
  return {
    format: ROSTER_FORMAT,
    generatedAt: now.getTime(),
    site: { ...doorSiteOf(site), venue: site.venue, title: site.title, campaignId: site.campaignId, endsAt: site.endsAt.getTime() },
    sites: (await db.select({ id: sites.id, venue: sites.venue }).from(sites).where(eq(sites.conferenceId, site.conferenceId))).map((s) => [s.id, s.venue]),
    units: unitNames,
    scanners: scannerNames,
    others: await otherConferences(db, site),
    keys,
    invitations: invitationRows,
    walkInsPresent: walkIns,
  };
}

/** How far from this conference (either side) another conference may be to be named offline, and how many at most. */
const OTHERS_WITHIN_MS = 31 * 86_400_000;
const OTHERS_LIMIT = 200;

/**
 * The conferences this site's invitees also hold issued letters for, within a month of this one:
 * the letters most likely to be shown at this door by mistake. Offline, the wrong-conference
 * verdict names them (time, unit, venue) as the server does; a letter of any other conference is
 * still refused, only without its details. Schedule facts only, no one's name.
 */
async function otherConferences(db: Db, site: Site): Promise<OtherConferenceRow[]> {
  const invitees = db
    .select({ personId: invitations.personId })
    .from(invitations)
    .where(and(eq(invitations.siteId, site.id), eq(invitations.kind, "invited"), inArray(invitations.status, ["issued", "revoked"])));
  const theirs = db
    .selectDistinct({ conferenceId: invitations.conferenceId })
    .from(invitations)
    .where(and(inArray(invitations.personId, invitees), eq(invitations.status, "issued"), ne(invitations.conferenceId, site.conferenceId)));
  const start = site.startsAt.getTime();
  const onlyVenue = sql<string>`(select case when count(*) = 1 then max(${sites.venue}) else '' end from ${sites} where ${sites.conferenceId} = ${conferences.id})`;
  return (
    await db
      .select({
        id: conferences.id,
        title: conferences.title,
        startsAt: conferences.startsAt,
        endsAt: conferences.endsAt,
        unitName: units.name,
        venue: onlyVenue,
      })
      .from(conferences)
      .innerJoin(units, eq(units.id, conferences.unitId))
      .where(
        and(
          inArray(conferences.id, theirs),
          gte(conferences.startsAt, new Date(start - OTHERS_WITHIN_MS)),
          lte(conferences.startsAt, new Date(start + OTHERS_WITHIN_MS)),
        ),
      )
      .orderBy(sql`abs(${epochMillis(conferences.startsAt)} - ${sql.raw(String(start))})`)
      .limit(OTHERS_LIMIT)
  ).map((c) => [c.id, c.title, c.startsAt.getTime(), c.endsAt.getTime(), c.unitName, c.venue ?? ""]);
}

/** The last four digits of a phone number: enough to tell two namesakes apart, not enough to call anyone. */
export function phoneTail(phone: string | null): string {
  return (phone ?? "").replace(/\D/g, "").slice(-4);
}
