/**
 * Builds a site's offline roster (roster-format.ts). The caller has checked
 * that the user may scan at the site (getScanSite).
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { checkIns, invitations, people, sites, units } from "@/db/schema";
import { ensureCampaignKeys, verificationKeys } from "@/lib/invitations/campaign-keys";
import { rawPublicKey } from "@/lib/tokens/qr-token";
import { doorSiteOf, type Site } from "./record-scan";
import { ROSTER_FORMAT, type OfflineRoster, type RosterRow } from "./roster-format";

export function buildOfflineRoster(db: Db, site: Site, now: Date = new Date()): OfflineRoster {
  ensureCampaignKeys(db, site.campaignId);
  // Retired keys too (letters issued before a rotation), never revoked ones.
  const keys = verificationKeys(db).map((k) => ({ campaignId: k.campaignId, publicKeyRaw: rawPublicKey(k.publicKey) }));
  const rows = db
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
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .where(and(eq(invitations.siteId, site.id), eq(invitations.kind, "invited"), inArray(invitations.status, ["issued", "revoked", "draft"])))
    .orderBy(asc(people.searchName))
    .all();
  const unitNames: string[] = [];
  const unitIndex = new Map<string, number>();
  const indexOf = (name: string) => {
    let i = unitIndex.get(name);
    if (i === undefined) unitIndex.set(name, (i = unitNames.push(name) - 1));
    return i;
  };
  const invitationRows: RosterRow[] = rows.map((r) =>
    r.status === "draft"
      ? [r.id, r.siteId, "d", r.tokenVersion, "", "", "", indexOf(""), "", "", 0, "", 0]
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
        ],
  );
  const walkIns = db
    .select({ n: count() })
    .from(checkIns)
    .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
    .where(and(eq(checkIns.siteId, site.id), eq(invitations.kind, "walk_in")))
    .get()!.n;
  return {
    format: ROSTER_FORMAT,
    generatedAt: now.getTime(),
    site: { ...doorSiteOf(site), venue: site.venue, title: site.title, campaignId: site.campaignId, endsAt: site.endsAt.getTime() },
    sites: db.select({ id: sites.id, venue: sites.venue }).from(sites).where(eq(sites.conferenceId, site.conferenceId)).all().map((s) => [s.id, s.venue]),
    units: unitNames,
    keys,
    invitations: invitationRows,
    walkInsPresent: walkIns,
  };
}

/** The last four digits of a phone number: enough to tell two namesakes apart, not enough to call anyone. */
export function phoneTail(phone: string | null): string {
  return (phone ?? "").replace(/\D/g, "").slice(-4);
}
