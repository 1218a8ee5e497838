/**
 * The import in three steps: upload (parse, keep the rows in a batch), preview
 * (map columns, check rows), commit (one transaction: new people inserted,
 * people with a known code updated). A malformed file writes nothing; rows with
 * errors are listed in the preview and skipped by the commit.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appSettings, importBatches, people } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { foldForSearch } from "@/lib/text/fold";
import { defaultMapping, IMPORT_FIELDS, mapRows, type ImportField, type Mapping } from "./map-rows";
import { parseFile, type ParseError } from "./parse-file";

const mappingKey = (userId: number) => `import-mapping:${userId}`;
const BATCH_TTL_MS = 24 * 3600_000;

function rememberedMapping(db: Db, userId: number): Partial<Record<ImportField, string>> | undefined {
  const row = db.select().from(appSettings).where(eq(appSettings.key, mappingKey(userId))).get();
  return row ? (JSON.parse(row.value) as Partial<Record<ImportField, string>>) : undefined;
}

export function previewBatch(batch: { headers: string[]; rows: string[][] }, mapping: Mapping) {
  const { valid, errors } = mapRows(batch.rows, mapping);
  return { total: batch.rows.length, valid: valid.length, errors: errors.slice(0, 500), errorCount: errors.length, sample: valid.slice(0, 5) };
}

export async function uploadBatch(db: Db, user: SessionUser, unitId: number, filename: string, bytes: Uint8Array) {
  if (user.scopeUnitIds !== "all" && !user.scopeUnitIds.includes(unitId)) return { ok: false as const, code: "unitRequired" as const };
  const parsed = await parseFile(filename, bytes);
  if (!parsed.ok) return { ok: false as const, code: parsed.code as ParseError };
  db.delete(importBatches).where(lt(importBatches.createdAt, new Date(Date.now() - BATCH_TTL_MS))).run();
  const batch = db
    .insert(importBatches)
    .values({ userId: user.id, unitId, filename: filename.slice(0, 200), headers: parsed.headers, rows: parsed.rows })
    .returning({ id: importBatches.id })
    .get();
  const mapping = defaultMapping(parsed.headers, rememberedMapping(db, user.id));
  return { ok: true as const, batchId: batch.id, headers: parsed.headers, mapping, preview: previewBatch(parsed, mapping) };
}

export function getBatch(db: Db, user: SessionUser, batchId: number) {
  return db.select().from(importBatches).where(and(eq(importBatches.id, batchId), eq(importBatches.userId, user.id))).get() ?? null;
}

export function commitBatch(db: Db, user: SessionUser, batchId: number, mapping: Mapping) {
  const batch = getBatch(db, user, batchId);
  if (!batch) return { ok: false as const, code: "notFound" };
  if (mapping.fullName < 0) return { ok: false as const, code: "nameColumnRequired" };
  const { valid, errors } = mapRows(batch.rows, mapping);
  const result = db.transaction((tx) => {
    const codes = valid.map((r) => r.externalCode).filter((c): c is string => c !== null);
    const existing = new Map<string, number>();
    for (let i = 0; i < codes.length; i += 500) {
      for (const p of tx.select({ id: people.id, code: people.externalCode }).from(people).where(inArray(people.externalCode, codes.slice(i, i + 500))).all()) {
        existing.set(p.code!, p.id);
      }
    }
    let inserted = 0;
    let updated = 0;
    const fresh: (typeof people.$inferInsert)[] = [];
    for (const r of valid) {
      const values = {
        fullName: r.fullName,
        searchName: foldForSearch(r.fullName),
        position: r.position,
        workplace: r.workplace,
        phone: r.phone,
        email: r.email,
        isPartyMember: r.isPartyMember,
        category: r.category,
        externalCode: r.externalCode,
        unitId: batch.unitId,
      };
      const id = r.externalCode ? existing.get(r.externalCode) : undefined;
      if (id) {
        tx.update(people).set(values).where(eq(people.id, id)).run();
        updated++;
      } else fresh.push(values);
    }
    for (let i = 0; i < fresh.length; i += 1000) inserted += tx.insert(people).values(fresh.slice(i, i + 1000)).run().changes;
    const remembered = Object.fromEntries(IMPORT_FIELDS.filter((f) => mapping[f] >= 0).map((f) => [f, batch.headers[mapping[f]]]));
    tx.insert(appSettings)
      .values({ key: mappingKey(user.id), value: JSON.stringify(remembered) })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: JSON.stringify(remembered) } })
      .run();
    tx.delete(importBatches).where(eq(importBatches.id, batch.id)).run();
    recordAudit(tx as unknown as Db, { userId: user.id, action: "import", entity: "people", entityId: batch.filename, after: { inserted, updated, skipped: errors.length, unitId: batch.unitId } });
    return { inserted, updated, skipped: errors.length };
  });
  return { ok: true as const, ...result };
}
