/**
 * Sites of a conference: the main site (edited with the conference) and its
 * bridge points (điểm cầu), each with its own door staff.
 */
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { invitations, sites, siteStaff, units, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import { unitSubtree } from "@/lib/auth/session-user";
import type { SiteFormInput } from "@/lib/schemas/conferences";
import { findConflicts } from "./find-conflicts";
import { getWritableConference, type SaveResult } from "./save-conference";

/** Units where this conference may have a site: its own unit and those below it. */
export async function siteUnitIds(db: Db, conferenceUnitId: number): Promise<number[]> {
  return await unitSubtree(db, conferenceUnitId);
}

async function checkStaff(db: Db, staffIds: number[]): Promise<boolean> {
  if (staffIds.length === 0) return true;
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, staffIds), eq(users.role, "scanner"), eq(users.disabled, false)));
  return found.length === new Set(staffIds).size;
}

/** Adds a bridge point, or updates a site (the main one too). */
export async function saveSite(db: Db, user: SessionUser, input: SiteFormInput): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const conference = await getWritableConference(db, user, input.conferenceId);
    if (!conference) return { ok: false, code: "notFound" };
    if (!(await siteUnitIds(db, conference.unitId)).includes(input.unitId)) return { ok: false, field: "unitId", code: "unitOutsideConference" };
    if (!(await checkStaff(db, input.staffIds))) return { ok: false, field: "staffIds", code: "staffNotScanner" };
    const existing = input.siteId
      ? await firstRow(
          db
            .select()
            .from(sites)
            .where(and(eq(sites.id, input.siteId), eq(sites.conferenceId, conference.id))),
        )
      : undefined;
    if (input.siteId && !existing) return { ok: false, code: "notFound" };

    const conflicts = (
      await findConflicts(db, {
        conferenceId: conference.id,
        campaignId: conference.campaignId,
        unitId: conference.unitId,
        startsAt: conference.startsAt,
        endsAt: conference.endsAt,
        sites: [{ id: existing?.id, unitId: input.unitId, venue: input.venue, capacity: input.capacity }],
      })
    ).filter((c) => c.code === "venue_clash");
    if (conflicts.length > 0) return { ok: false, code: "conflicts", conflicts };

    const id = await transaction(db, async (tx) => {
      const values = { unitId: input.unitId, venue: input.venue, address: input.address, capacity: input.capacity };
      let siteId: number;
      if (existing) {
        await tx.update(sites).set(values).where(eq(sites.id, existing.id));
        siteId = existing.id;
      } else {
        siteId = (
          await returnedRow(
            tx
              .insert(sites)
              .values({ ...values, conferenceId: conference.id, isMain: false })
              .returning({ id: sites.id }),
          )
        ).id;
      }
      await tx.delete(siteStaff).where(eq(siteStaff.siteId, siteId));
      if (input.staffIds.length > 0) await tx.insert(siteStaff).values([...new Set(input.staffIds)].map((userId) => ({ siteId, userId })));
      await recordAudit(tx, {
        userId: user.id,
        action: existing ? "update" : "create",
        entity: "site",
        entityId: siteId,
        before: existing ?? null,
        after: { ...values, staffIds: input.staffIds },
      });
      return siteId;
    });
    return { ok: true, id, warnings: [] };
  });
}

/** Removes a bridge point that has no invitations yet. */
export async function removeSite(db: Db, user: SessionUser, conferenceId: number, siteId: number): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const conference = await getWritableConference(db, user, conferenceId);
    if (!conference) return { ok: false, code: "notFound" };
    const site = await firstRow(
      db
        .select()
        .from(sites)
        .where(and(eq(sites.id, siteId), eq(sites.conferenceId, conference.id))),
    );
    if (!site) return { ok: false, code: "notFound" };
    if (site.isMain) return { ok: false, code: "cannotRemoveMain" };
    const invited = (await firstRow(db.select({ n: count() }).from(invitations).where(eq(invitations.siteId, site.id))))!.n;
    if (invited > 0) return { ok: false, code: "siteHasInvitations" };
    await transaction(db, async (tx) => {
      await tx.delete(sites).where(eq(sites.id, site.id));
      await recordAudit(tx, { userId: user.id, action: "delete", entity: "site", entityId: site.id, before: site });
    });
    return { ok: true, id: site.id, warnings: [] };
  });
}

/**
 * "A bridge point in every unit below": one site in each child unit that has
 * none yet, named after the unit. Venues already taken at that time are skipped.
 */
export async function addBridgePointsEverywhere(db: Db, user: SessionUser, conferenceId: number) {
  return await transaction(db, async (db) => {
    const conference = await getWritableConference(db, user, conferenceId);
    if (!conference) return { ok: false as const, code: "notFound" };
    const have = new Set((await db.select({ unitId: sites.unitId }).from(sites).where(eq(sites.conferenceId, conference.id))).map((s) => s.unitId));
    const children = (
      await db
        .select()
        .from(units)
        .where(and(eq(units.parentId, conference.unitId), ne(units.id, conference.unitId)))
        .orderBy(units.sortOrder)
    ).filter((u) => !have.has(u.id));
    const added: string[] = [];
    const skipped: string[] = [];
    await transaction(db, async (tx) => {
      for (const unit of children) {
        const venue = `Điểm cầu ${unit.name}`;
        const clash = (
          await findConflicts(tx, {
            conferenceId: conference.id,
            campaignId: conference.campaignId,
            unitId: conference.unitId,
            startsAt: conference.startsAt,
            endsAt: conference.endsAt,
            sites: [{ unitId: unit.id, venue, capacity: null }],
          })
        ).some((c) => c.code === "venue_clash");
        if (clash) {
          skipped.push(unit.name);
          continue;
        }
        await tx.insert(sites).values({ conferenceId: conference.id, unitId: unit.id, isMain: false, venue, address: unit.name });
        added.push(unit.name);
      }
      await recordAudit(tx, { userId: user.id, action: "add_bridge_points", entity: "conference", entityId: conference.id, after: { added } });
    });
    return { ok: true as const, added, skipped };
  });
}

/** The sites of a conference with their door staff, for the site manager (caller has checked write scope). */
export async function listSitesForEdit(db: Db, conferenceId: number) {
  const rows = await db
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
    .orderBy(sites.id);
  const staff = rows.length
    ? await db
        .select()
        .from(siteStaff)
        .where(
          inArray(
            siteStaff.siteId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  // "Invited" as every other page counts it (countedInvitation: issued letters, no walk-ins);
  // any invitation at all (a draft, a walk-in, a revoked letter) still keeps the site from being removed.
  const counts = rows.length
    ? new Map(
        (
          await db
            .select({
              siteId: invitations.siteId,
              invited: sql<number>`coalesce(sum(case when ${countedInvitation()} then 1 else 0 end), 0)`.mapWith(Number),
              any: count(),
            })
            .from(invitations)
            .where(
              inArray(
                invitations.siteId,
                rows.map((r) => r.id),
              ),
            )
            .groupBy(invitations.siteId)
        ).map((r) => [r.siteId, r]),
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
export async function listSiteUnits(db: Db, conferenceUnitId: number) {
  const ids = await siteUnitIds(db, conferenceUnitId);
  return await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)).orderBy(units.sortOrder);
}
