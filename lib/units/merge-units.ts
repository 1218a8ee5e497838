/**
 * Merging units (the 2025 reform): the conferences, sites, people, users,
 * calendar feeds, organising bodies and child units of the merged units move
 * to the unit they are merged into, in one transaction with one audit row.
 *
 * History survives: a moved conference keeps the unit that held it in
 * `former_unit_id` (the first one, if it moved twice), so reports can show the
 * old name and the "one conference per requirement and unit" index — keyed by
 * coalesce(former_unit_id, unit_id) — still holds. The merged unit stays,
 * retired, with `merged_into_id` pointing at its successor.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { bodies, conferences, people, sites, unitFeeds, units, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { unitSubtree } from "@/lib/auth/session-user";
import { unitWriteScope, type UnitActor } from "./unit-actor";

export interface MergeCounts {
  conferences: number;
  sites: number;
  people: number;
  users: number;
  feeds: number;
  bodies: number;
  childUnits: number;
}

export type MergePreview =
  | { ok: true; into: { id: number; code: string; name: string }; from: { id: number; code: string; name: string }[]; counts: MergeCounts }
  | { ok: false; code: string };

export type MergeResult = { ok: true; counts: MergeCounts } | { ok: false; code: string };

const count = async (db: Db, table: typeof conferences | typeof sites | typeof people | typeof users | typeof unitFeeds | typeof bodies, ids: number[]) =>
  (
    await firstRow(
      db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(table)
        .where(inArray(table.unitId, ids)),
    )
  )?.n ?? 0;

async function countsOf(db: Db, ids: number[]): Promise<MergeCounts> {
  return {
    conferences: await count(db, conferences, ids),
    sites: await count(db, sites, ids),
    people: await count(db, people, ids),
    users: await count(db, users, ids),
    feeds: await count(db, unitFeeds, ids),
    bodies: await count(db, bodies, ids),
    childUnits:
      (
        await firstRow(
          db
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(units)
            .where(inArray(units.parentId, ids)),
        )
      )?.n ?? 0,
  };
}

/** What a merge would move; refuses what mergeUnits would refuse. */
export async function previewUnitMerge(db: Db, actor: UnitActor, fromIds: number[], intoId: number): Promise<MergePreview> {
  const ids = [...new Set(fromIds)];
  if (ids.length === 0) return { ok: false, code: "invalid" };
  const into = await firstRow(
    db
      .select()
      .from(units)
      .where(and(eq(units.id, intoId), unitWriteScope(actor))),
  );
  if (!into) return { ok: false, code: "intoOutOfScope" };
  if (into.retiredAt) return { ok: false, code: "intoRetired" };
  const from = await db
    .select()
    .from(units)
    .where(and(inArray(units.id, ids), unitWriteScope(actor)));
  if (from.length !== ids.length) return { ok: false, code: "notFound" };
  for (const unit of from) {
    if (unit.id === into.id) return { ok: false, code: "mergeIntoSelf" };
    if (unit.retiredAt) return { ok: false, code: "alreadyRetired" };
    if (unit.parentId === null) return { ok: false, code: "cannotMergeRoot" };
    if (unit.id === actor.unitId) return { ok: false, code: "cannotMergeOwn" };
    if ((await unitSubtree(db, unit.id)).includes(into.id)) return { ok: false, code: "intoInsideFrom" };
  }
  return {
    ok: true,
    into: { id: into.id, code: into.code, name: into.name },
    from: from.map((u) => ({ id: u.id, code: u.code, name: u.name })),
    counts: await countsOf(db, ids),
  };
}

/** Moves everything of `fromIds` to `intoId` and retires them; one audit row with the counts. */
export async function mergeUnits(db: Db, actor: UnitActor, fromIds: number[], intoId: number): Promise<MergeResult> {
  return await transaction(db, async (db): Promise<MergeResult> => {
    const preview = await previewUnitMerge(db, actor, fromIds, intoId);
    if (!preview.ok) return preview;
    const ids = preview.from.map((u) => u.id);
    const counts = preview.counts;

    for (const from of preview.from) {
      await db
        .update(conferences)
        .set({ formerUnitId: sql`coalesce(${conferences.formerUnitId}, ${from.id})`, unitId: intoId, updatedAt: new Date() })
        .where(eq(conferences.unitId, from.id));
      // A body whose name the target already uses keeps it with the old unit's name after it.
      const taken = new Set((await db.select({ name: bodies.name }).from(bodies).where(eq(bodies.unitId, intoId))).map((b) => b.name));
      for (const body of await db.select().from(bodies).where(eq(bodies.unitId, from.id))) {
        let name = body.name;
        for (let n = 1; taken.has(name); n++) name = n === 1 ? `${body.name} (${from.name})` : `${body.name} (${from.name} ${n})`;
        taken.add(name);
        await db.update(bodies).set({ unitId: intoId, name }).where(eq(bodies.id, body.id));
      }
    }
    await db.update(sites).set({ unitId: intoId }).where(inArray(sites.unitId, ids));
    await db.update(people).set({ unitId: intoId }).where(inArray(people.unitId, ids));
    await db.update(users).set({ unitId: intoId, updatedAt: new Date() }).where(inArray(users.unitId, ids));
    await db.update(unitFeeds).set({ unitId: intoId }).where(inArray(unitFeeds.unitId, ids));
    await db.update(units).set({ parentId: intoId }).where(inArray(units.parentId, ids));
    await db
      .update(units)
      .set({ retiredAt: new Date(), mergedIntoId: intoId })
      .where(and(inArray(units.id, ids), isNull(units.retiredAt)));

    await recordAudit(db, {
      userId: actor.id,
      action: "merge",
      entity: "unit",
      entityId: intoId,
      before: { from: preview.from },
      after: { into: preview.into, counts },
    });
    return { ok: true, counts };
  });
}
