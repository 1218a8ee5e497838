/**
 * Creating, editing, moving, duplicating, cancelling a conference and moving
 * it through its statuses. Every function checks the user's write scope in
 * the SQL that loads the conference, runs the conflict rules, and audits.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { isUniqueViolation } from "@/db/dialect";
import { bodies, campaignRequirements, campaigns, conferenceCoBodies, conferences, sites, units, type ConferenceStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { conferenceWriteScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ConferenceFormInput } from "@/lib/schemas/conferences";
import { findConflicts, type Conflict } from "./find-conflicts";

export type SaveResult =
  { ok: true; id: number; warnings: Conflict[] } | { ok: false; code: string; field?: string } | { ok: false; code: "conflicts"; conflicts: Conflict[] };

/** Loads a conference the user may change, or nothing. */
export async function getWritableConference(db: Db, user: SessionUser, id: number) {
  return await firstRow(
    db
      .select()
      .from(conferences)
      .where(and(eq(conferences.id, id), conferenceWriteScope(user))),
  );
}

const REQUIREMENT_CLASH = Symbol("requirement clash");

/**
 * Runs a write; when the database refuses a second live conference for one
 * requirement and unit (the conferences_requirement_unit_unique index, the
 * last word behind the check in code), answers REQUIREMENT_CLASH instead of failing.
 */
async function writeOrRequirementClash<T>(write: () => Promise<T>): Promise<T | typeof REQUIREMENT_CLASH> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "conferences_requirement_unit_unique")) return REQUIREMENT_CLASH;
    throw error;
  }
}

/** Refuses on blocking conflicts; asks for confirmation of warnings unless already confirmed. */
function judge(conflicts: Conflict[], confirmed: boolean): SaveResult | null {
  if (conflicts.some((c) => c.blocking)) return { ok: false, code: "conflicts", conflicts: conflicts.filter((c) => c.blocking) };
  if (conflicts.length > 0 && !confirmed) return { ok: false, code: "conflicts", conflicts };
  return null;
}

export async function saveConference(db: Db, user: SessionUser, input: ConferenceFormInput, conferenceId?: number): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const existing = conferenceId ? await getWritableConference(db, user, conferenceId) : undefined;
    if (conferenceId && !existing) return { ok: false, code: "notFound" };
    if (existing?.status === "cancelled") return { ok: false, code: "cancelledReadOnly" };

    // The organising body must be one the user organises for (an admin: any of a unit in their scope).
    const body = await firstRow(
      db
        .select({
          id: bodies.id,
          unitId: bodies.unitId,
          unitKind: units.kind,
          active: sql<number>`${bodies.retiredAt} is null and ${units.retiredAt} is null`.mapWith(Number),
        })
        .from(bodies)
        .innerJoin(units, eq(units.id, bodies.unitId))
        .where(and(eq(bodies.id, input.bodyId), organisableBodies(user))),
    );
    if (!body) return { ok: false, field: "bodyId", code: "bodyNotAllowed" };
    // A retired unit or body takes no new conferences (its old ones stay editable).
    if (!body.active && existing?.bodyId !== body.id) return { ok: false, field: "bodyId", code: "bodyNotAllowed" };

    if (!(await firstRow(db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId))))) {
      return { ok: false, field: "campaignId", code: "campaignRequired" };
    }

    if (input.requirementId !== null) {
      const requirement = await firstRow(
        db
          .select()
          .from(campaignRequirements)
          .where(and(eq(campaignRequirements.id, input.requirementId), eq(campaignRequirements.campaignId, input.campaignId))),
      );
      if (!requirement || requirement.unitKind !== body.unitKind) return { ok: false, field: "requirementId", code: "requirementMismatch" };
      const taken = await firstRow(
        db
          .select({ id: conferences.id })
          .from(conferences)
          .where(
            and(
              eq(conferences.requirementId, input.requirementId),
              eq(conferences.unitId, body.unitId),
              ne(conferences.status, "cancelled"),
              conferenceId ? ne(conferences.id, conferenceId) : undefined,
            ),
          ),
      );
      if (taken) return { ok: false, field: "requirementId", code: "requirementTaken" };
    }

    const coBodyIds = [...new Set(input.coBodyIds)].filter((id) => id !== body.id);
    if (coBodyIds.length > 0 && (await db.select({ id: bodies.id }).from(bodies).where(inArray(bodies.id, coBodyIds))).length !== coBodyIds.length) {
      return { ok: false, field: "coBodyIds", code: "invalid" };
    }

    const otherSites = existing
      ? await db
          .select()
          .from(sites)
          .where(and(eq(sites.conferenceId, existing.id), eq(sites.isMain, false)))
      : [];
    const mainSite = existing
      ? await firstRow(
          db
            .select()
            .from(sites)
            .where(and(eq(sites.conferenceId, existing.id), eq(sites.isMain, true))),
        )
      : undefined;
    const conflicts = await findConflicts(db, {
      conferenceId,
      campaignId: input.campaignId,
      unitId: body.unitId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      sites: [
        { id: mainSite?.id, unitId: mainSite?.unitId ?? body.unitId, venue: input.venue, capacity: input.capacity },
        ...otherSites.map((s) => ({ id: s.id, unitId: s.unitId, venue: s.venue, capacity: s.capacity })),
      ],
    });
    const refusal = judge(conflicts, input.confirmWarnings);
    if (refusal) return refusal;

    const values = {
      campaignId: input.campaignId,
      unitId: body.unitId,
      bodyId: body.id,
      requirementId: input.requirementId,
      title: input.title,
      agenda: input.agenda,
      audience: input.audience,
      chair: input.chair,
      contact: input.contact,
      signForm: input.signForm,
      signFor: input.signFor,
      signerTitle: input.signerTitle,
      signerName: input.signerName,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      status: input.status as ConferenceStatus,
      graceMinutes: input.graceMinutes,
    };

    const id = await writeOrRequirementClash(
      async () =>
        await transaction(db, async (tx) => {
          let savedId: number;
          if (existing) {
            await tx
              .update(conferences)
              .set({ ...values, updatedAt: new Date() })
              .where(eq(conferences.id, existing.id));
            savedId = existing.id;
          } else {
            savedId = (
              await returnedRow(
                tx
                  .insert(conferences)
                  .values({ ...values, createdBy: user.id })
                  .returning({ id: conferences.id }),
              )
            ).id;
          }
          const site = { venue: input.venue, address: input.address, capacity: input.capacity };
          if (mainSite) await tx.update(sites).set(site).where(eq(sites.id, mainSite.id));
          else await tx.insert(sites).values({ ...site, conferenceId: savedId, unitId: body.unitId, isMain: true });
          await tx.delete(conferenceCoBodies).where(eq(conferenceCoBodies.conferenceId, savedId));
          if (coBodyIds.length > 0) await tx.insert(conferenceCoBodies).values(coBodyIds.map((bodyId) => ({ conferenceId: savedId, bodyId })));
          await recordAudit(tx, {
            userId: user.id,
            action: existing ? "update" : "create",
            entity: "conference",
            entityId: savedId,
            before: existing ?? null,
            after: { ...values, site, coBodyIds },
          });
          return savedId;
        }),
    );
    if (id === REQUIREMENT_CLASH) return { ok: false, field: "requirementId", code: "requirementTaken" };
    return { ok: true, id, warnings: conflicts };
  });
}

/** A drag or resize on the calendar: the same rules as the form. */
export async function moveConference(
  db: Db,
  user: SessionUser,
  input: { conferenceId: number; startDeltaMs: number; endDeltaMs: number; confirmWarnings: boolean },
): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const existing = await getWritableConference(db, user, input.conferenceId);
    if (!existing) return { ok: false, code: "notFound" };
    if (existing.status === "cancelled" || existing.status === "held") return { ok: false, code: "cannotMove" };
    const startsAt = new Date(existing.startsAt.getTime() + input.startDeltaMs);
    const endsAt = new Date(existing.endsAt.getTime() + input.endDeltaMs);
    const siteRows = await db.select().from(sites).where(eq(sites.conferenceId, existing.id));
    const conflicts = await findConflicts(db, {
      conferenceId: existing.id,
      campaignId: existing.campaignId,
      unitId: existing.unitId,
      startsAt,
      endsAt,
      sites: siteRows.map((s) => ({ id: s.id, unitId: s.unitId, venue: s.venue, capacity: s.capacity })),
    });
    const refusal = judge(conflicts, input.confirmWarnings);
    if (refusal) return refusal;
    await transaction(db, async (tx) => {
      await tx.update(conferences).set({ startsAt, endsAt, updatedAt: new Date() }).where(eq(conferences.id, existing.id));
      await recordAudit(tx, {
        userId: user.id,
        action: "move",
        entity: "conference",
        entityId: existing.id,
        before: { startsAt: existing.startsAt, endsAt: existing.endsAt },
        after: { startsAt, endsAt },
      });
    });
    return { ok: true, id: existing.id, warnings: conflicts };
  });
}

/** A draft copy with the same details and sites (no invitations, no door staff, no requirement). */
export async function duplicateConference(db: Db, user: SessionUser, conferenceId: number, titleSuffix: string): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const existing = await getWritableConference(db, user, conferenceId);
    if (!existing) return { ok: false, code: "notFound" };
    const retired = await firstRow(
      db
        .select({ id: bodies.id })
        .from(bodies)
        .innerJoin(units, eq(units.id, bodies.unitId))
        .where(and(eq(bodies.id, existing.bodyId), sql`(${bodies.retiredAt} is not null or ${units.retiredAt} is not null)`)),
    );
    if (retired) return { ok: false, code: "bodyNotAllowed" };
    const id = await transaction(db, async (tx) => {
      const copy = await returnedRow(
        tx
          .insert(conferences)
          .values({
            campaignId: existing.campaignId,
            unitId: existing.unitId,
            bodyId: existing.bodyId,
            requirementId: null,
            title: `${existing.title} ${titleSuffix}`.slice(0, 300),
            agenda: existing.agenda,
            audience: existing.audience,
            chair: existing.chair,
            contact: existing.contact,
            signForm: existing.signForm,
            signFor: existing.signFor,
            signerTitle: existing.signerTitle,
            signerName: existing.signerName,
            startsAt: existing.startsAt,
            endsAt: existing.endsAt,
            status: "draft",
            graceMinutes: existing.graceMinutes,
            createdBy: user.id,
          })
          .returning({ id: conferences.id }),
      );
      const siteRows = await tx.select().from(sites).where(eq(sites.conferenceId, existing.id));
      if (siteRows.length > 0) {
        await tx
          .insert(sites)
          .values(
            siteRows.map((s) => ({ conferenceId: copy.id, unitId: s.unitId, isMain: s.isMain, venue: s.venue, address: s.address, capacity: s.capacity })),
          );
      }
      const co = await tx.select().from(conferenceCoBodies).where(eq(conferenceCoBodies.conferenceId, existing.id));
      if (co.length > 0) await tx.insert(conferenceCoBodies).values(co.map((c) => ({ conferenceId: copy.id, bodyId: c.bodyId })));
      await recordAudit(tx, { userId: user.id, action: "duplicate", entity: "conference", entityId: copy.id, after: { from: existing.id } });
      return copy.id;
    });
    return { ok: true, id, warnings: [] };
  });
}

export async function cancelConference(db: Db, user: SessionUser, conferenceId: number, reason: string): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const existing = await getWritableConference(db, user, conferenceId);
    if (!existing) return { ok: false, code: "notFound" };
    if (existing.status === "held") return { ok: false, code: "cannotCancelHeld" };
    await transaction(db, async (tx) => {
      await tx.update(conferences).set({ status: "cancelled", cancelReason: reason, updatedAt: new Date() }).where(eq(conferences.id, existing.id));
      await recordAudit(tx, {
        userId: user.id,
        action: "cancel",
        entity: "conference",
        entityId: existing.id,
        before: { status: existing.status },
        after: { status: "cancelled", reason },
      });
    });
    return { ok: true, id: existing.id, warnings: [] };
  });
}

/** The moves a conference may make from each status (cancelling has its own function). */
export const STATUS_TRANSITIONS: Record<ConferenceStatus, ConferenceStatus[]> = {
  draft: ["scheduled"],
  scheduled: ["draft", "in_progress", "held"],
  in_progress: ["scheduled", "held"],
  held: ["in_progress"],
  cancelled: ["draft"],
};

export async function setConferenceStatus(db: Db, user: SessionUser, conferenceId: number, status: ConferenceStatus): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const existing = await getWritableConference(db, user, conferenceId);
    if (!existing) return { ok: false, code: "notFound" };
    if (!STATUS_TRANSITIONS[existing.status].includes(status)) return { ok: false, code: "statusNotAllowed" };
    // Reinstating must not give a requirement two conferences.
    if (existing.status === "cancelled" && (await requirementTakenMeanwhile(db, existing))) return { ok: false, code: "requirementTaken" };
    const written = await writeOrRequirementClash(
      async () =>
        await transaction(db, async (tx) => {
          await tx
            .update(conferences)
            .set({ status, cancelReason: status === "cancelled" ? existing.cancelReason : null, updatedAt: new Date() })
            .where(eq(conferences.id, existing.id));
          await recordAudit(tx, {
            userId: user.id,
            action: "status",
            entity: "conference",
            entityId: existing.id,
            before: { status: existing.status },
            after: { status },
          });
        }),
    );
    if (written === REQUIREMENT_CLASH) return { ok: false, code: "requirementTaken" };
    return { ok: true, id: existing.id, warnings: [] };
  });
}

/** Whether the requirement a cancelled conference fulfilled has another (not cancelled) conference of its unit now. */
async function requirementTakenMeanwhile(db: Db, existing: { id: number; requirementId: number | null; unitId: number }): Promise<boolean> {
  if (existing.requirementId === null) return false;
  const taken = await firstRow(
    db
      .select({ id: conferences.id })
      .from(conferences)
      .where(
        and(
          eq(conferences.requirementId, existing.requirementId),
          eq(conferences.unitId, existing.unitId),
          ne(conferences.status, "cancelled"),
          ne(conferences.id, existing.id),
        ),
      ),
  );
  return taken !== undefined;
}

/** Where a cancelled conference may go back to: a draft to rework, or scheduled again as it was. */
export const RESTORE_STATUSES = ["draft", "scheduled"] as const;
export type RestoreStatus = (typeof RESTORE_STATUSES)[number];

/**
 * Un-cancels a conference (docs/decisions/0024): back to a draft or to scheduled. The letters issued before stay
 * valid (cancelling never revoked them); the cancel reason goes, the audit log keeps it.
 * Refused when the requirement it fulfilled has another conference meanwhile.
 */
export async function restoreConference(db: Db, user: SessionUser, conferenceId: number, status: RestoreStatus): Promise<SaveResult> {
  return await transaction(db, async (db) => {
    const existing = await getWritableConference(db, user, conferenceId);
    if (!existing) return { ok: false, code: "notFound" };
    if (existing.status !== "cancelled") return { ok: false, code: "notCancelled" };
    if (await requirementTakenMeanwhile(db, existing)) return { ok: false, code: "requirementTaken" };
    const written = await writeOrRequirementClash(
      async () =>
        await transaction(db, async (tx) => {
          await tx.update(conferences).set({ status, cancelReason: null, updatedAt: new Date() }).where(eq(conferences.id, existing.id));
          await recordAudit(tx, {
            userId: user.id,
            action: "restore",
            entity: "conference",
            entityId: existing.id,
            before: { status: existing.status, reason: existing.cancelReason },
            after: { status },
          });
        }),
    );
    if (written === REQUIREMENT_CLASH) return { ok: false, code: "requirementTaken" };
    return { ok: true, id: existing.id, warnings: [] };
  });
}

/** SQL on `bodies`: the bodies the user may organise a conference for — an admin those of units in their scope, an organiser their own. */
export function organisableBodies(user: SessionUser) {
  if (user.role === "admin") return user.scopeUnitIds === "all" ? undefined : inArray(bodies.unitId, user.scopeUnitIds);
  return eq(bodies.id, user.bodyId ?? -1);
}
