/**
 * A unit's usual bodies from the templates of its kind, in one click. Patterns
 * may hold {unitName} ("Xã Ba Tơ"), {placeName} ("Ba Tơ") and
 * {parentPlaceName} (the parent unit's place, "Quảng Ngãi") and {committeeName}
 * (the unit's Party committee: "Đảng bộ Công an tỉnh" → "Đảng ủy Công an tỉnh",
 * any other name → "Đảng ủy " + the name); written in
 * capitals ({UNITNAME}, {PLACENAME}, {PARENTPLACENAME}) the value is put in
 * capitals too, as letter headings want: "HUYỆN ỦY {PLACENAME}" → "HUYỆN ỦY BA TƠ".
 * Idempotent: a body of the same name in the unit is skipped.
 */
import { and, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { returnedRow, firstRow, transaction, type Db, type Tx } from "@/db/client";
import { bodies, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { TEMPLATE_PLACEHOLDER } from "@/lib/schemas/bodies";
import { bodyUnitScope, mayManageBodies, type BodyChangeResult } from "./body-access";
import { listBodyTemplates } from "./body-templates";

export interface TemplateValues {
  unitName: string;
  placeName: string;
  parentPlaceName: string;
}

const PLACEHOLDERS = ["unitName", "placeName", "parentPlaceName", "committeeName"] as const;

/** The Party committee that leads a unit's Party organisation: "Đảng bộ X" → "Đảng ủy X". */
export function committeeNameOf(unitName: string): string {
  const name = unitName.normalize("NFC");
  return /^Đảng bộ\s/i.test(name) ? name.replace(/^Đảng bộ/i, "Đảng ủy") : `Đảng ủy ${name}`;
}

/** A pattern with its placeholders filled; unknown text stays as written. */
export function expandTemplate(pattern: string, values: TemplateValues): string {
  const all = { ...values, committeeName: committeeNameOf(values.unitName) };
  const filled = pattern.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => {
    const key = PLACEHOLDERS.find((k) => k.toUpperCase() === name.toUpperCase())!;
    return name === name.toUpperCase() ? all[key].toLocaleUpperCase("vi") : all[key];
  });
  return filled.replace(/\s+/g, " ").trim().normalize("NFC");
}

export interface PlannedBody {
  kind: string;
  kindLabel: string;
  name: string;
  symbol: string;
  parentLine: string;
  /** A body of this name is already in the unit: it will be skipped. */
  exists: boolean;
}

const parentUnit = alias(units, "template_parent_unit");

async function unitInScope(db: Db, actor: SessionUser, unitId: number) {
  return await firstRow(
    db
      .select({
        id: units.id,
        name: units.name,
        kind: units.kind,
        placeName: units.placeName,
        retiredAt: units.retiredAt,
        parentPlaceName: parentUnit.placeName,
      })
      .from(units)
      .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
      .where(and(eq(units.id, unitId), bodyUnitScope(actor))),
  );
}

async function plan(db: Db, unit: NonNullable<Awaited<ReturnType<typeof unitInScope>>>): Promise<PlannedBody[]> {
  const values = { unitName: unit.name, placeName: unit.placeName, parentPlaceName: unit.parentPlaceName ?? unit.placeName };
  const existing = new Set((await db.select({ name: bodies.name }).from(bodies).where(eq(bodies.unitId, unit.id))).map((b) => b.name));
  const seen = new Set<string>();
  const planned: PlannedBody[] = [];
  for (const t of await listBodyTemplates(db, unit.kind)) {
    const name = expandTemplate(t.namePattern, values);
    if (seen.has(name)) continue;
    seen.add(name);
    planned.push({
      kind: t.bodyKind,
      kindLabel: t.bodyKindLabel,
      name,
      symbol: t.symbol,
      parentLine: expandTemplate(t.parentLinePattern, values),
      exists: existing.has(name),
    });
  }
  return planned;
}

/** What "create from template" would make for the unit (null: not a unit of the actor's scope). */
export async function previewBodiesFromTemplate(db: Db, actor: SessionUser, unitId: number): Promise<PlannedBody[] | null> {
  const unit = await unitInScope(db, actor, unitId);
  return unit ? await plan(db, unit) : null;
}

/** Creates the missing bodies of one unit (inside the caller's transaction); counts what it made and skipped. */
async function applyPlan(db: Tx, actor: SessionUser, unit: NonNullable<Awaited<ReturnType<typeof unitInScope>>>) {
  const planned = await plan(db, unit);
  let created = 0;
  for (const p of planned.filter((b) => !b.exists)) {
    const values = { unitId: unit.id, kind: p.kind, name: p.name, symbol: p.symbol, parentLine: p.parentLine };
    const row = await returnedRow(db.insert(bodies).values(values).returning({ id: bodies.id }));
    await recordAudit(db, { userId: actor.id, action: "create_from_template", entity: "body", entityId: row.id, after: values });
    created += 1;
  }
  return { created, skipped: planned.length - created };
}

export async function createBodiesFromTemplate(db: Db, actor: SessionUser, unitId: number): Promise<BodyChangeResult<{ created: number; skipped: number }>> {
  if (!mayManageBodies(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult<{ created: number; skipped: number }>> => {
    const unit = await unitInScope(db, actor, unitId);
    if (!unit) return { ok: false, code: "notFound" };
    if (unit.retiredAt) return { ok: false, code: "unitRetired" };
    return { ok: true, ...(await applyPlan(db, actor, unit)) };
  });
}

/**
 * The same for every active unit of a kind in the actor's scope, in one
 * transaction: a province that imported its 90 communes gives them their
 * bodies in one click. `units` counts the units that got at least one body.
 */
export async function createBodiesFromTemplateForKind(
  db: Db,
  actor: SessionUser,
  unitKind: string,
): Promise<BodyChangeResult<{ units: number; created: number; skipped: number }>> {
  if (!mayManageBodies(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult<{ units: number; created: number; skipped: number }>> => {
    const ids = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.kind, unitKind), isNull(units.retiredAt), bodyUnitScope(actor)));
    const total = { units: 0, created: 0, skipped: 0 };
    for (const { id } of ids) {
      const result = await applyPlan(db, actor, (await unitInScope(db, actor, id))!);
      if (result.created > 0) total.units += 1;
      total.created += result.created;
      total.skipped += result.skipped;
    }
    return { ok: true, ...total };
  });
}
