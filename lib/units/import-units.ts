/**
 * Importing units from a list (CSV/XLSX parsed by lib/people/import/parse-file.ts):
 * columns code, name, kind, parent code, place name — English or Vietnamese
 * headers ("Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Địa danh"); the kind by
 * key ("xa") or by label ("Xã"). A parent may come later in the file than its
 * children. First a plan (what would be created, updated, left alone, and
 * every error with its line), then, as a second step, the commit, which plans
 * again inside its transaction and writes only when the plan has no errors.
 * Importing the same file twice changes nothing the second time.
 *
 * A blank parent code puts a new unit under the unit the list is imported
 * under, and leaves an existing unit where it is.
 */
import { and, eq } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { importBatches, unitKinds, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { toNfc } from "@/lib/schemas/text";
import { unitCodeField } from "@/lib/schemas/units";
import { foldForSearch } from "@/lib/text/fold";
import { changesRequiredKind, derivePlaceName, isInScope, ownUnitIdentityChanged, type UnitActor } from "./unit-actor";

export type UnitColumn = "code" | "name" | "kind" | "parentCode" | "placeName";

const HEADER_ALIASES: Record<UnitColumn, string[]> = {
  code: ["code", "unit code", "ma", "ma don vi", "ma dv"],
  name: ["name", "unit name", "ten", "ten don vi", "ten dv"],
  kind: ["kind", "type", "unit kind", "loai", "loai don vi", "loai dv"],
  parentCode: ["parent code", "parent_code", "parent", "ma don vi cap tren", "ma cap tren", "don vi cap tren", "ma dv cap tren"],
  placeName: ["place name", "place_name", "place", "dia danh"],
};
const REQUIRED: UnitColumn[] = ["code", "name", "kind"];

export type RowStatus = "create" | "update" | "unchanged" | "error";

export interface PlannedUnitRow {
  /** Line in the file (the header is line 1). */
  line: number;
  code: string;
  name: string;
  kind: string;
  kindLabel: string;
  parentCode: string;
  placeName: string;
  status: RowStatus;
  /** Error codes (messages under adminUnits.import.errors). */
  errors: string[];
  /** For an update: the fields that change. */
  changes: ("name" | "kind" | "placeName" | "parent")[];
}

export type UnitImportPlan =
  | { ok: true; rows: PlannedUnitRow[]; counts: Record<RowStatus, number> }
  | { ok: false; code: "missingColumns"; columns: UnitColumn[] }
  | { ok: false; code: "underOutOfScope" };

/** Which column of the file holds each field (-1: none). */
export function mapUnitHeaders(headers: string[]): Record<UnitColumn, number> {
  const folded = headers.map((h) =>
    foldForSearch(h)
      .replace(/[_*:]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
  const map = {} as Record<UnitColumn, number>;
  for (const column of Object.keys(HEADER_ALIASES) as UnitColumn[]) {
    map[column] = folded.findIndex((h) => HEADER_ALIASES[column].includes(h));
  }
  return map;
}

/** The plan of an import into the actor's scope, under `underUnitId`. Writes nothing. */
export async function planUnitImport(db: Db, actor: UnitActor, input: { headers: string[]; rows: string[][]; underUnitId: number }): Promise<UnitImportPlan> {
  const columns = mapUnitHeaders(input.headers);
  const missing = REQUIRED.filter((c) => columns[c] < 0);
  if (missing.length > 0) return { ok: false, code: "missingColumns", columns: missing };

  const all = await db.select().from(units);
  const byCode = new Map(all.map((u) => [u.code, u]));
  const byId = new Map(all.map((u) => [u.id, u]));
  const under = byId.get(input.underUnitId);
  if (!under || !isInScope(actor, under.id) || under.retiredAt) return { ok: false, code: "underOutOfScope" };

  const kinds = await db.select().from(unitKinds);
  const kindByKey = new Map(kinds.map((k) => [k.key.toLowerCase(), k]));
  const kindByLabel = new Map(kinds.map((k) => [foldForSearch(k.label), k]));

  const cell = (row: string[], column: UnitColumn) => (columns[column] < 0 ? "" : toNfc((row[columns[column]] ?? "").trim()).replace(/\s+/g, " "));
  const rows: PlannedUnitRow[] = input.rows.map((row, i) => {
    const kindCell = cell(row, "kind");
    const kind = kindByKey.get(kindCell.toLowerCase()) ?? kindByLabel.get(foldForSearch(kindCell));
    return {
      line: i + 2,
      code: cell(row, "code"),
      name: cell(row, "name"),
      kind: kind?.key ?? kindCell,
      kindLabel: kind?.label ?? kindCell,
      parentCode: cell(row, "parentCode"),
      placeName: cell(row, "placeName"),
      status: "create",
      errors: [] as string[],
      changes: [],
    };
  });

  // Each code once: later rows with a code already seen are errors.
  const fileRow = new Map<string, PlannedUnitRow>();
  for (const row of rows) {
    if (!row.code) row.errors.push("missingCode");
    else if (!unitCodeField.safeParse(row.code).success) row.errors.push("badCode");
    else if (fileRow.has(row.code)) row.errors.push("duplicateCode");
    else fileRow.set(row.code, row);
    if (row.name.length < 2) row.errors.push("missingName");
    else if (row.name.length > 200) row.errors.push("nameTooLong");
    if (!row.kind) row.errors.push("missingKind");
    else if (!kindByKey.has(row.kind)) row.errors.push("unknownKind");
  }

  // The parent each row ends up under, by code (null: a root).
  const parentCodeOf = new Map<string, string | null>(all.map((u) => [u.code, u.parentId === null ? null : (byId.get(u.parentId)?.code ?? null)]));
  for (const row of rows) {
    if (fileRow.get(row.code) !== row) continue;
    const existing = byCode.get(row.code);
    if (existing && !isInScope(actor, existing.id)) row.errors.push("outOfScope");
    else if (existing?.retiredAt) row.errors.push("unitRetired");
    else if (existing && ownUnitIdentityChanged(actor, existing, row)) row.errors.push("ownUnitFixed");
    else if (row.kind && kindByKey.has(row.kind) && (await changesRequiredKind(db, actor, existing?.kind ?? null, row.kind)))
      row.errors.push("requiredKindRootOnly");
    if (!row.parentCode) {
      if (!existing) parentCodeOf.set(row.code, under.code);
      continue;
    }
    if (existing && existing.parentId === null) {
      row.errors.push("rootCannotMove");
      continue;
    }
    if (row.parentCode === row.code) {
      row.errors.push("cycle");
      continue;
    }
    // Named under the parent it already has: no move, whoever manages that parent (a commune's admin re-importing its list).
    if (existing && existing.parentId !== null && byId.get(existing.parentId)?.code === row.parentCode) continue;
    const parentInFile = fileRow.get(row.parentCode);
    const parentExisting = byCode.get(row.parentCode);
    if (!parentInFile && !parentExisting) row.errors.push("unknownParent");
    else if (parentExisting && !isInScope(actor, parentExisting.id)) row.errors.push("parentOutOfScope");
    else if (parentExisting?.retiredAt) row.errors.push("parentRetired");
    parentCodeOf.set(row.code, row.parentCode);
  }
  for (const row of rows) {
    if (fileRow.get(row.code) !== row || row.errors.length > 0) continue;
    const seen = new Set<string>([row.code]);
    for (let code = parentCodeOf.get(row.code); code; code = parentCodeOf.get(code)) {
      if (seen.has(code)) {
        row.errors.push("cycle");
        break;
      }
      seen.add(code);
    }
  }

  for (const row of rows) {
    if (row.errors.length > 0) {
      row.status = "error";
      continue;
    }
    const existing = byCode.get(row.code);
    if (!existing) {
      row.placeName ||= derivePlaceName(row.name, row.kindLabel);
      row.status = "create";
      continue;
    }
    row.placeName ||= existing.placeName;
    const oldParent = existing.parentId === null ? null : (byId.get(existing.parentId)?.code ?? null);
    if (existing.name !== row.name) row.changes.push("name");
    if (existing.kind !== row.kind) row.changes.push("kind");
    if (existing.placeName !== row.placeName) row.changes.push("placeName");
    if (parentCodeOf.get(row.code) !== oldParent) row.changes.push("parent");
    row.status = row.changes.length > 0 ? "update" : "unchanged";
  }
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.status]++;
  return { ok: true, rows, counts };
}

export type UnitImportResult =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; code: "notFound" | "hasErrors" | "missingColumns" | "underOutOfScope"; plan?: UnitImportPlan };

/**
 * Plans again and, when nothing is wrong, writes the plan in one transaction:
 * parents before children, then the updates; one audit row.
 */
export async function importUnits(
  db: Db,
  actor: UnitActor,
  input: { headers: string[]; rows: string[][]; underUnitId: number; filename?: string },
): Promise<UnitImportResult> {
  return await transaction(db, async (db): Promise<UnitImportResult> => {
    const plan = await planUnitImport(db, actor, input);
    if (!plan.ok) return { ok: false, code: plan.code, plan };
    if (plan.counts.error > 0) return { ok: false, code: "hasErrors", plan };
    const idOf = new Map((await db.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.code, u.id]));
    const under = (await firstRow(db.select({ code: units.code }).from(units).where(eq(units.id, input.underUnitId))))!;
    const parentCode = (row: PlannedUnitRow) => row.parentCode || under.code;

    let pending = plan.rows.filter((r) => r.status === "create");
    const created: string[] = [];
    while (pending.length > 0) {
      const ready = pending.filter((r) => idOf.has(parentCode(r)));
      if (ready.length === 0) throw new Error("unit import: parents not resolvable (the plan should have refused)");
      for (const row of ready) {
        const id = (
          await returnedRow(
            db
              .insert(units)
              .values({ code: row.code, name: row.name, kind: row.kind, placeName: row.placeName, parentId: idOf.get(parentCode(row))!, sortOrder: row.line })
              .returning({ id: units.id }),
          )
        ).id;
        idOf.set(row.code, id);
        created.push(row.code);
      }
      pending = pending.filter((r) => !ready.includes(r));
    }
    const updated: string[] = [];
    for (const row of plan.rows.filter((r) => r.status === "update")) {
      await db
        .update(units)
        .set({
          name: row.name,
          kind: row.kind,
          placeName: row.placeName,
          ...(row.changes.includes("parent") && row.parentCode ? { parentId: idOf.get(row.parentCode)! } : {}),
        })
        .where(eq(units.code, row.code));
      updated.push(row.code);
    }
    if (created.length + updated.length > 0) {
      await recordAudit(db, {
        userId: actor.id,
        action: "import",
        entity: "unit",
        entityId: input.underUnitId,
        after: { filename: input.filename ?? null, created, updated, unchanged: plan.counts.unchanged },
      });
    }
    return { ok: true, created: created.length, updated: updated.length, unchanged: plan.counts.unchanged };
  });
}

/** Keeps an uploaded list for its preview; the commit reads it back (only the user who uploaded it). */
export async function stageUnitImport(
  db: Db,
  userId: number,
  input: { underUnitId: number; filename: string; headers: string[]; rows: string[][] },
): Promise<number> {
  return await transaction(db, async (db) => {
    return (
      await returnedRow(
        db
          .insert(importBatches)
          .values({ userId, kind: "units", unitId: input.underUnitId, filename: input.filename, headers: input.headers, rows: input.rows })
          .returning({ id: importBatches.id }),
      )
    ).id;
  });
}

export async function getStagedUnitImport(db: Db, userId: number, batchId: number) {
  return await firstRow(
    db
      .select()
      .from(importBatches)
      .where(and(eq(importBatches.id, batchId), eq(importBatches.userId, userId), eq(importBatches.kind, "units"))),
  );
}

/** The commit of a staged list: imports it and forgets the batch. */
export async function commitStagedUnitImport(db: Db, actor: UnitActor & { id: number }, batchId: number): Promise<UnitImportResult> {
  return await transaction(db, async (db) => {
    const batch = await getStagedUnitImport(db, actor.id, batchId);
    if (!batch) return { ok: false, code: "notFound" };
    const result = await importUnits(db, actor, { headers: batch.headers, rows: batch.rows, underUnitId: batch.unitId, filename: batch.filename });
    if (result.ok) await db.delete(importBatches).where(eq(importBatches.id, batch.id));
    return result;
  });
}
