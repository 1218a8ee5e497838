/**
 * Campaign changes: create (blank or copied from an earlier campaign), edit,
 * archive. Campaigns are province-wide data: only an admin of the root unit
 * (scopeUnitIds "all") may change them. Each change is audited, in an
 * immediate transaction with its checks.
 */
import { asc, eq } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { campaignRequirements, campaigns } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { isRootAdmin } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import type { CampaignFields } from "@/lib/schemas/campaigns";
import { generateCampaignKeys } from "@/lib/tokens/qr-token";

export type CampaignResult = { ok: true; id: number } | { ok: false; code: string; field?: string };

/** Campaigns are province-wide data: only the root unit's admin changes them. */
export { isRootAdmin };

function campaignSnapshot(c: typeof campaigns.$inferSelect) {
  return { title: c.title, resolution: c.resolution, term: c.term, startDate: c.startDate, deadline: c.deadline, archivedAt: c.archivedAt?.getTime() ?? null };
}

/** A new campaign with its own signing keys. */
export async function createCampaign(db: Db, actor: SessionUser, fields: CampaignFields): Promise<CampaignResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  if (fields.deadline < fields.startDate) return { ok: false, field: "deadline", code: "deadlineBeforeStart" };
  return await transaction(db, async (db) => {
    const keys = generateCampaignKeys();
    const created = await returnedRow(
      db
        .insert(campaigns)
        .values({ ...fields, signingPrivateKey: keys.privateKey, signingPublicKey: keys.publicKey })
        .returning(),
    );
    await recordAudit(db, { userId: actor.id, action: "create", entity: "campaign", entityId: created.id, after: campaignSnapshot(created) });
    return { ok: true, id: created.id };
  });
}

export async function updateCampaign(db: Db, actor: SessionUser, campaignId: number, fields: CampaignFields): Promise<CampaignResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  if (fields.deadline < fields.startDate) return { ok: false, field: "deadline", code: "deadlineBeforeStart" };
  return await transaction(db, async (db): Promise<CampaignResult> => {
    const before = await firstRow(db.select().from(campaigns).where(eq(campaigns.id, campaignId)));
    if (!before) return { ok: false, code: "campaignNotFound" };
    const lateRequirement = (
      await db
        .select({ title: campaignRequirements.title, dueDate: campaignRequirements.dueDate })
        .from(campaignRequirements)
        .where(eq(campaignRequirements.campaignId, campaignId))
    ).find((r) => r.dueDate !== null && r.dueDate > fields.deadline);
    if (lateRequirement) return { ok: false, field: "deadline", code: "deadlineBeforeRequirement" };
    const after = await returnedRow(db.update(campaigns).set(fields).where(eq(campaigns.id, campaignId)).returning());
    await recordAudit(db, {
      userId: actor.id,
      action: "update",
      entity: "campaign",
      entityId: campaignId,
      before: campaignSnapshot(before),
      after: campaignSnapshot(after),
    });
    return { ok: true, id: campaignId };
  });
}

/** Archived campaigns stay for reports but leave the selector and the conference form. */
export async function setCampaignArchived(db: Db, actor: SessionUser, campaignId: number, archived: boolean, now: Date = new Date()): Promise<CampaignResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<CampaignResult> => {
    const before = await firstRow(db.select().from(campaigns).where(eq(campaigns.id, campaignId)));
    if (!before) return { ok: false, code: "campaignNotFound" };
    if ((before.archivedAt !== null) === archived) return { ok: true, id: campaignId };
    await db
      .update(campaigns)
      .set({ archivedAt: archived ? now : null })
      .where(eq(campaigns.id, campaignId));
    await recordAudit(db, { userId: actor.id, action: archived ? "archive" : "unarchive", entity: "campaign", entityId: campaignId, after: { archived } });
    return { ok: true, id: campaignId };
  });
}

export const archiveCampaign = async (db: Db, actor: SessionUser, campaignId: number, now?: Date) =>
  await setCampaignArchived(db, actor, campaignId, true, now);
export const unarchiveCampaign = async (db: Db, actor: SessionUser, campaignId: number) => await setCampaignArchived(db, actor, campaignId, false);

const DAY_MS = 86_400_000;
const shiftDate = (dateKey: string, days: number) => new Date(Date.parse(`${dateKey}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A new campaign with the requirements of an earlier one (the usual start of
 * a campaign), and keys of its own. Fields not given are the earlier
 * campaign's (the title marked as a copy). Requirements' own due dates move
 * by as many days as the start date did; one that would fall after the new
 * deadline keeps the deadline instead.
 */
export async function copyCampaign(db: Db, actor: SessionUser, fromId: number, overrides: Partial<CampaignFields> = {}): Promise<CampaignResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<CampaignResult> => {
    const source = await firstRow(db.select().from(campaigns).where(eq(campaigns.id, fromId)));
    if (!source) return { ok: false, field: "copyFromId", code: "campaignNotFound" };
    const fields: CampaignFields = {
      title: overrides.title ?? `${source.title} (bản sao)`,
      resolution: overrides.resolution ?? source.resolution,
      term: overrides.term ?? source.term,
      startDate: overrides.startDate ?? source.startDate,
      deadline: overrides.deadline ?? source.deadline,
    };
    if (fields.deadline < fields.startDate) return { ok: false, field: "deadline", code: "deadlineBeforeStart" };
    const shift = Math.round((Date.parse(`${fields.startDate}T00:00:00Z`) - Date.parse(`${source.startDate}T00:00:00Z`)) / DAY_MS);
    const keys = generateCampaignKeys();
    const created = await returnedRow(
      db
        .insert(campaigns)
        .values({ ...fields, signingPrivateKey: keys.privateKey, signingPublicKey: keys.publicKey })
        .returning(),
    );
    const requirements = await db
      .select()
      .from(campaignRequirements)
      .where(eq(campaignRequirements.campaignId, fromId))
      .orderBy(asc(campaignRequirements.sortOrder), asc(campaignRequirements.id));
    for (const r of requirements) {
      const moved = r.dueDate === null ? null : shiftDate(r.dueDate, shift);
      await db.insert(campaignRequirements).values({
        campaignId: created.id,
        unitKind: r.unitKind,
        bodyKind: r.bodyKind,
        coBodyKinds: r.coBodyKinds,
        title: r.title,
        dueDate: moved === null ? null : moved > fields.deadline ? fields.deadline : moved < fields.startDate ? fields.startDate : moved,
        duration: r.duration,
        sortOrder: r.sortOrder,
      });
    }
    await recordAudit(db, {
      userId: actor.id,
      action: "copy",
      entity: "campaign",
      entityId: created.id,
      after: { ...campaignSnapshot(created), copiedFrom: fromId, requirements: requirements.length },
    });
    return { ok: true, id: created.id };
  });
}
