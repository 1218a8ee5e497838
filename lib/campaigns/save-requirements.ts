/**
 * The requirements editor: what a change to a campaign's requirements does to
 * the board (preview), and the save itself. A requirement that a conference
 * fulfils (any status but cancelled) cannot be removed, nor moved to another
 * kind of unit or organising body: that conference would stop counting.
 */
import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { bodyKinds, campaignRequirements, campaigns, conferences, unitKinds, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Requirement } from "@/lib/schemas/campaigns";
import { onCampaignBoard } from "@/lib/board/get-board";
import { isRootAdmin } from "./manage-campaigns";

export type RequirementChange = "added" | "changed" | "unchanged" | "removed";

export interface RequirementProblem {
  code:
    | "requirementFulfilled"
    | "requirementKindFulfilled"
    | "unknownRequirement"
    | "unknownUnitKind"
    | "unknownBodyKind"
    | "bodyKindNotRequirable"
    | "duplicateRequirement"
    | "dueAfterDeadline";
  title: string;
  /** Row of the submitted list (1-based), when the problem is in one. */
  row?: number;
  /** The kind it names, for unknown kinds. */
  kind?: string;
  /** The conferences that fulfil it: "Title (Unit)". */
  conferences?: string[];
}

export interface RequirementPreviewRow {
  change: RequirementChange;
  id: number | null;
  title: string;
  unitKind: string;
  bodyKind: string;
  coBodyKinds: string[];
  dueDate: string | null;
  /** Units of that kind (not retired): the board cells it makes. */
  units: number;
  /** Conferences (not cancelled) that fulfil it now. */
  fulfilled: number;
}

export interface RequirementPreview {
  rows: RequirementPreviewRow[];
  /** Cells on the board before and after (one per unit and requirement). */
  requiredBefore: number;
  requiredAfter: number;
  problems: RequirementProblem[];
}

type Stored = typeof campaignRequirements.$inferSelect;

const sameRequirement = (a: Stored, b: Requirement) =>
  a.unitKind === b.unitKind &&
  a.bodyKind === b.bodyKind &&
  JSON.stringify(a.coBodyKinds) === JSON.stringify(b.coBodyKinds) &&
  a.title === b.title &&
  (a.dueDate ?? null) === (b.dueDate ?? null) &&
  (a.duration ?? null) === (b.duration ?? null) &&
  a.sortOrder === b.sortOrder;

/** Units of each kind on the campaign's board (retired units owe nothing new; see onCampaignBoard). */
async function unitsByKind(db: Db, campaignId: number): Promise<Map<string, number>> {
  const rows = await db.select({ kind: units.kind, n: count() }).from(units).where(onCampaignBoard(db, campaignId)).groupBy(units.kind);
  return new Map(rows.map((r) => [r.kind, r.n]));
}

/** The conferences (not cancelled) that fulfil each of these requirements. */
async function fulfilling(db: Db, requirementIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (requirementIds.length === 0) return result;
  const rows = await db
    .select({ requirementId: conferences.requirementId, title: conferences.title, unitName: units.name })
    .from(conferences)
    .innerJoin(units, eq(units.id, conferences.unitId))
    .where(and(inArray(conferences.requirementId, requirementIds), ne(conferences.status, "cancelled")))
    .orderBy(asc(units.sortOrder), asc(conferences.id));
  for (const r of rows) {
    const list = result.get(r.requirementId!) ?? [];
    list.push(`${r.title} (${r.unitName})`);
    result.set(r.requirementId!, list);
  }
  return result;
}

/** What saving these requirements would do to the board, and what stands in the way. Null: no such campaign. */
export async function previewRequirementChanges(db: Db, campaignId: number, requirements: Requirement[]): Promise<RequirementPreview | null> {
  const campaign = await firstRow(db.select().from(campaigns).where(eq(campaigns.id, campaignId)));
  if (!campaign) return null;
  const stored = await db
    .select()
    .from(campaignRequirements)
    .where(eq(campaignRequirements.campaignId, campaignId))
    .orderBy(asc(campaignRequirements.sortOrder), asc(campaignRequirements.id));
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const unitKindKeys = new Set((await db.select({ key: unitKinds.key }).from(unitKinds)).map((k) => k.key));
  const bodyKindRows = new Map((await db.select().from(bodyKinds)).map((k) => [k.key, k]));
  const counts = await unitsByKind(db, campaignId);
  const fulfilled = await fulfilling(
    db,
    stored.map((r) => r.id),
  );
  const problems: RequirementProblem[] = [];
  const rows: RequirementPreviewRow[] = [];
  const keptIds = new Set<number>();
  const seen = new Set<string>();

  requirements.forEach((r, i) => {
    const row = i + 1;
    // An id of another campaign, or one sent twice, names no requirement of this list.
    const before = r.id && !keptIds.has(r.id) ? storedById.get(r.id) : undefined;
    if (r.id && !before) problems.push({ code: "unknownRequirement", title: r.title, row });
    if (before) keptIds.add(before.id);
    if (!unitKindKeys.has(r.unitKind)) problems.push({ code: "unknownUnitKind", title: r.title, row, kind: r.unitKind });
    for (const kind of [r.bodyKind, ...r.coBodyKinds]) {
      const known = bodyKindRows.get(kind);
      if (!known) problems.push({ code: "unknownBodyKind", title: r.title, row, kind });
      else if (!known.requirable) problems.push({ code: "bodyKindNotRequirable", title: r.title, row, kind });
    }
    const key = `${r.unitKind}\u0000${r.bodyKind}\u0000${r.title}`;
    if (seen.has(key)) problems.push({ code: "duplicateRequirement", title: r.title, row });
    seen.add(key);
    if (r.dueDate && r.dueDate > campaign.deadline) problems.push({ code: "dueAfterDeadline", title: r.title, row });
    const holders = before ? (fulfilled.get(before.id) ?? []) : [];
    if (before && holders.length > 0 && (before.unitKind !== r.unitKind || before.bodyKind !== r.bodyKind)) {
      problems.push({ code: "requirementKindFulfilled", title: before.title, row, conferences: holders });
    }
    rows.push({
      change: !before ? "added" : sameRequirement(before, r) ? "unchanged" : "changed",
      id: before?.id ?? null,
      title: r.title,
      unitKind: r.unitKind,
      bodyKind: r.bodyKind,
      coBodyKinds: r.coBodyKinds,
      dueDate: r.dueDate ?? null,
      units: counts.get(r.unitKind) ?? 0,
      fulfilled: before && before.unitKind === r.unitKind ? holders.length : 0,
    });
  });

  for (const r of stored) {
    if (keptIds.has(r.id)) continue;
    const holders = fulfilled.get(r.id) ?? [];
    if (holders.length > 0) problems.push({ code: "requirementFulfilled", title: r.title, conferences: holders });
    rows.push({
      change: "removed",
      id: r.id,
      title: r.title,
      unitKind: r.unitKind,
      bodyKind: r.bodyKind,
      coBodyKinds: r.coBodyKinds,
      dueDate: r.dueDate,
      units: counts.get(r.unitKind) ?? 0,
      fulfilled: holders.length,
    });
  }

  return {
    rows,
    requiredBefore: stored.reduce((sum, r) => sum + (counts.get(r.unitKind) ?? 0), 0),
    requiredAfter: requirements.reduce((sum, r) => sum + (counts.get(r.unitKind) ?? 0), 0),
    problems,
  };
}

export type SaveRequirementsResult =
  { ok: true; preview: RequirementPreview } | { ok: false; code: "forbidden" | "campaignNotFound" | "requirementsRefused"; problems?: RequirementProblem[] };

/**
 * Replaces the campaign's requirements by these: rows with an id change that
 * requirement, rows without one are added, requirements left out are removed
 * (refused when a conference fulfils one). Checked and written in one
 * immediate transaction; audited with the list before and after.
 */
export async function saveRequirements(db: Db, actor: SessionUser, campaignId: number, requirements: Requirement[]): Promise<SaveRequirementsResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<SaveRequirementsResult> => {
    const preview = await previewRequirementChanges(db, campaignId, requirements);
    if (!preview) return { ok: false, code: "campaignNotFound" };
    if (preview.problems.length > 0) return { ok: false, code: "requirementsRefused", problems: preview.problems };
    const before = await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, campaignId)).orderBy(asc(campaignRequirements.id));
    const removed = preview.rows.filter((r) => r.change === "removed").map((r) => r.id!);
    if (removed.length > 0) {
      // Only cancelled conferences can still point at them (the preview refused the rest): they keep their history without it.
      await db.update(conferences).set({ requirementId: null }).where(inArray(conferences.requirementId, removed));
      await db.delete(campaignRequirements).where(inArray(campaignRequirements.id, removed));
    }
    const values = (r: Requirement) => ({
      unitKind: r.unitKind,
      bodyKind: r.bodyKind,
      coBodyKinds: r.coBodyKinds,
      title: r.title,
      dueDate: r.dueDate ?? null,
      duration: r.duration ?? null,
      sortOrder: r.sortOrder,
    });
    const changed = requirements.filter((r, i) => r.id && preview.rows[i].change === "changed");
    // Two rows may swap titles: clear the unique (unit kind, body kind, title) first, then write.
    for (const r of changed) {
      await db
        .update(campaignRequirements)
        .set({ title: `\u0001${r.id}` }) // no title typed holds U+0001; the real one follows in this transaction
        .where(eq(campaignRequirements.id, r.id!));
    }
    for (const r of changed) await db.update(campaignRequirements).set(values(r)).where(eq(campaignRequirements.id, r.id!));
    for (const r of requirements) if (!r.id) await db.insert(campaignRequirements).values({ campaignId, ...values(r) });
    const after = await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, campaignId)).orderBy(asc(campaignRequirements.id));
    const snapshot = (list: Stored[]) =>
      list.map(({ id, unitKind, bodyKind, coBodyKinds, title, dueDate, duration, sortOrder }) => ({
        id,
        unitKind,
        bodyKind,
        coBodyKinds,
        title,
        dueDate,
        duration,
        sortOrder,
      }));
    await recordAudit(db, {
      userId: actor.id,
      action: "save_requirements",
      entity: "campaign",
      entityId: campaignId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return { ok: true, preview };
  });
}
