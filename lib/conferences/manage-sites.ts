/**
 * Sites of a conference: the main site (edited with the conference) and its
 * bridge points (điểm cầu), each with its own door staff.
 */
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import { immediateTransaction, type Db } from "@/db/client";
import { invitations, sites, siteStaff, units, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import { unitSubtree } from "@/lib/auth/session-user";
import type { SiteFormInput } from "@/lib/schemas/conferences";
import { findConflicts } from "./find-conflicts";
import { getWritableConference, type SaveResult } from "./save-conference";

/** Units where this conference may have a site: its own unit and those below it. */
export function siteUnitIds(db: Db, conferenceUnitId: number): number[] {
  return unitSubtree(db, conferenceUnitId);
}

function checkStaff(db: Db, staffIds: number[]): boolean {
  if (staffIds.length === 0) return true;
  const found = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, staffIds), eq(users.role, "scanner"), eq(users.disabled, false)))
    .all();
  return found.length === new Set(staffIds).size;
}

/** Adds a bridge point, or updates a site (the main one too). */
export function saveSite(db: Db, user: SessionUser, input: SiteFormInput): SaveResult {
  return immediateTransaction(db, () => {
    const conference = getWritableConference(db, user, input.conferenceId);
    if (!conference) return { ok: false, code: "notFound" };
    if (!siteUnitIds(db, conference.unitId).includes(input.unitId)) return { ok: false, field: "unitId", code: "unitOutsideConference" };
    if (!checkStaff(db, input.staffIds)) return { ok: false, field: "staffIds", code: "staffNotScanner" };
    const existing = input.siteId
      ? db
          .select()
          .from(sites)
          .where(and(eq(sites.id, input.siteId), eq(sites.conferenceId, conference.id)))
          .get()
      : undefined;
    if (input.siteId && !existing) return { ok: false, code: "notFound" };

    const conflicts = findConflicts(db, {
      conferenceId: conference.id,
      campaignId: conference.campaignId,
      unitId: conference.unitId,
      startsAt: conference.startsAt,
      endsAt: conference.endsAt,
      sites: [{ id: existing?.id, unitId: input.unitId, venue: input.venue, capacity: input.capacity }],
    }).filter((c) => c.code === "venue_clash");
    if (conflicts.length > 0) return { ok: false, code: "conflicts", conflicts };

    const id = db.transaction(
      (tx) => {
        const values = { unitId: input.unitId, venue: input.venue, address: input.address, capacity: input.capacity };
        let siteId: number;
        if (existing) {
          tx.update(sites).set(values).where(eq(sites.id, existing.id)).run();
          siteId = existing.id;
        } else {
          siteId = tx
            .insert(sites)
            .values({ ...values, conferenceId: conference.id, isMain: false })
            .returning({ id: sites.id })
            .get().id;
        }
        tx.delete(siteStaff).where(eq(siteStaff.siteId, siteId)).run();
        if (input.staffIds.length > 0)
          tx.insert(siteStaff)
            .values([...new Set(input.staffIds)].map((userId) => ({ siteId, userId })))
            .run();
        recordAudit(tx as unknown as Db, {
          userId: user.id,
          action: existing ? "update" : "create",
          entity: "site",
          entityId: siteId,
          before: existing ?? null,
          after: { ...values, staffIds: input.staffIds },
        });
        return siteId;
      },
      { behavior: "immediate" },
    );
    return { ok: true, id, warnings: [] };
  });
}

/** Removes a bridge point that has no invitations yet. */
export function removeSite(db: Db, user: SessionUser, conferenceId: number, siteId: number): SaveResult {
  return immediateTransaction(db, () => {
    const conference = getWritableConference(db, user, conferenceId);
    if (!conference) return { ok: false, code: "notFound" };
    const site = db
      .select()
      .from(sites)
      .where(and(eq(sites.id, siteId), eq(sites.conferenceId, conference.id)))
      .get();
    if (!site) return { ok: false, code: "notFound" };
    if (site.isMain) return { ok: false, code: "cannotRemoveMain" };
    const invited = db.select({ n: count() }).from(invitations).where(eq(invitations.siteId, site.id)).get()!.n;
    if (invited > 0) return { ok: false, code: "siteHasInvitations" };
    db.transaction(
      (tx) => {
        tx.delete(sites).where(eq(sites.id, site.id)).run();
        recordAudit(tx as unknown as Db, { userId: user.id, action: "delete", entity: "site", entityId: site.id, before: site });
      },
      { behavior: "immediate" },
    );
    return { ok: true, id: site.id, warnings: [] };
  });
}

/**
 * "A bridge point in every unit below": one site in each child unit that has
 * none yet, named after the unit. Venues already taken at that time are skipped.
 */
export function addBridgePointsEverywhere(db: Db, user: SessionUser, conferenceId: number) {
  return immediateTransaction(db, () => {
    const conference = getWritableConference(db, user, conferenceId);
    if (!conference) return { ok: false as const, code: "notFound" };
    const have = new Set(
      db
        .select({ unitId: sites.unitId })
        .from(sites)
        .where(eq(sites.conferenceId, conference.id))
        .all()
        .map((s) => s.unitId),
    );
    const children = db
      .select()
      .from(units)
      .where(and(eq(units.parentId, conference.unitId), ne(units.id, conference.unitId)))
      .orderBy(units.sortOrder)
      .all()
      .filter((u) => !have.has(u.id));
    const added: string[] = [];
    const skipped: string[] = [];
    db.transaction(
      (tx) => {
        for (const unit of children) {
          const venue = `Điểm cầu ${unit.name}`;
          const clash = findConflicts(tx as unknown as Db, {
            conferenceId: conference.id,
            campaignId: conference.campaignId,
            unitId: conference.unitId,
            startsAt: conference.startsAt,
            endsAt: conference.endsAt,
            sites: [{ unitId: unit.id, venue, capacity: null }],
          }).some((c) => c.code === "venue_clash");
          if (clash) {
            skipped.push(unit.name);
            continue;
          }
          tx.insert(sites).values({ conferenceId: conference.id, unitId: unit.id, isMain: false, venue, address: unit.name }).run();
          added.push(unit.name);
        }
        recordAudit(tx as unknown as Db, { userId: user.id, action: "add_bridge_points", entity: "conference", entityId: conference.id, after: { added } });
      },
      { behavior: "immediate" },
    );
    return { ok: true as const, added, skipped };
  });
}

/** The sites of a conference with their door staff, for the site manager (caller has checked write scope). */
export function listSitesForEdit(db: Db, conferenceId: number) {
  const rows = db
    .select({
      id: sites.id,
      unitId: sites.unitId,
      unitName: units.name,
      isMain: sites.isMain,
      venue: sites.venue,
      address: sites.address,
      capacity: sites.capacity,
    })
    .from(sites)
    .innerJoin(units, eq(units.id, sites.unitId))
    .where(eq(sites.conferenceId, conferenceId))
    .orderBy(sites.id)
    .all();
  const staff = rows.length
    ? db
        .select()
        .from(siteStaff)
        .where(
          inArray(
            siteStaff.siteId,
            rows.map((r) => r.id),
          ),
        )
        .all()
    : [];
  // "Invited" as every other page counts it (countedInvitation: issued letters, no walk-ins);
  // any invitation at all (a draft, a walk-in, a revoked letter) still keeps the site from being removed.
  const counts = rows.length
    ? new Map(
        db
          .select({ siteId: invitations.siteId, invited: sql<number>`coalesce(sum(case when ${countedInvitation()} then 1 else 0 end), 0)`, any: count() })
          .from(invitations)
          .where(
            inArray(
              invitations.siteId,
              rows.map((r) => r.id),
            ),
          )
          .groupBy(invitations.siteId)
          .all()
          .map((r) => [r.siteId, r]),
      )
    : new Map<number, { invited: number; any: number }>();
  return rows
    .sort((a, b) => Number(b.isMain) - Number(a.isMain))
    .map((r) => ({
      ...r,
      staffIds: staff.filter((s) => s.siteId === r.id).map((s) => s.userId),
      invited: counts.get(r.id)?.invited ?? 0,
      hasInvitations: (counts.get(r.id)?.any ?? 0) > 0,
    }));
}

/** Units where a bridge point may go, for the site form. */
export function listSiteUnits(db: Db, conferenceUnitId: number) {
  const ids = siteUnitIds(db, conferenceUnitId);
  return db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)).orderBy(units.sortOrder).all();
}
