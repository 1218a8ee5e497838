/**
 * The import in three steps: upload (parse, keep the rows in a batch), preview
 * (map columns, check rows), commit (new people inserted, people with a known
 * code updated). A malformed file, or one with no data rows, writes nothing and
 * keeps no batch; rows with errors are listed in the preview and skipped by the
 * commit; a batch with no valid row is not committed.
 *
 * The commit is written in chunks of COMMIT_CHUNK_ROWS valid rows, each chunk its
 * own write transaction (BEGIN IMMEDIATE), with a yield to the event loop between
 * chunks: the door (check-ins on the same server and database) never waits behind a
 * big import for more than one chunk (docs/decisions/0016-import-parsing.md).
 * A commit record in app_settings (`import-commit:<batchId>`) is written in the same
 * transaction as each chunk: the mapping, how many valid rows are written, the counts
 * and a heartbeat. Hence:
 *  - a second commit while one runs is refused (commitInProgress: the heartbeat is fresh);
 *  - a commit once the import is done is refused (alreadyCommitted: the record says done,
 *    and the batch's rows are emptied);
 *  - an import stopped midway resumes after the last written chunk, with the recorded
 *    mapping, so that no row is written twice: at once after an error (the commit answers
 *    commitInterrupted and releases the record), or after STALE_COMMIT_MS when the server
 *    died (the heartbeat goes stale). The audit row is written once, with the totals, by
 *    the transaction that finishes the import.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { changedRows, returnedRow, firstRow, transaction, type Db, type Tx } from "@/db/client";
import { importBatchRowSlice } from "@/db/import-batch-rows";
import { appSettings, importBatches, people } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { foldForSearch } from "@/lib/text/fold";
import { createRowChecker, defaultMapping, IMPORT_FIELDS, mappingSchema, type ImportField, type MappedRow, type Mapping } from "./map-rows";
import { nextTurn } from "./next-turn";
import { parseFile } from "./parse-file";

const mappingKey = (userId: number) => `import-mapping:${userId}`;
const commitKey = (batchId: number) => `import-commit:${batchId}`;
const BATCH_TTL_MS = 24 * 3600_000;
/** About 40 ms of writing on a small server (npm run bench:import). */
export const COMMIT_CHUNK_ROWS = 500;
/** Rows checked between two turns of the event loop (a 100,000-row list takes ~½ s to check). */
const CHECK_SLICE_ROWS = 5_000;
/** Rows of a stored batch read between two turns of the event loop (db/import-batch-rows.ts). */
const READ_SLICE_ROWS = 10_000;
/** A commit whose heartbeat is older than this is taken to have died with its server. */
export const STALE_COMMIT_MS = 60_000;

const commitRecordSchema = z.object({
  owner: z.string(),
  mapping: mappingSchema,
  written: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  heartbeat: z.number(),
  done: z.boolean(),
});
type CommitRecord = z.infer<typeof commitRecordSchema>;
export type CommitError = "notFound" | "nameColumnRequired" | "noValidRows" | "commitInProgress" | "commitInterrupted" | "alreadyCommitted";

async function rememberedMapping(db: Db, userId: number): Promise<Partial<Record<ImportField, string>> | undefined> {
  const row = await firstRow(
    db
      .select()
      .from(appSettings)
      .where(eq(appSettings.key, mappingKey(userId))),
  );
  return row ? (JSON.parse(row.value) as Partial<Record<ImportField, string>>) : undefined;
}

async function readCommitRecord(db: Db, batchId: number): Promise<CommitRecord | null> {
  const row = await firstRow(
    db
      .select()
      .from(appSettings)
      .where(eq(appSettings.key, commitKey(batchId))),
  );
  const parsed = row ? commitRecordSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : null;
}

async function writeCommitRecord(db: Tx, batchId: number, record: CommitRecord) {
  const value = JSON.stringify(record);
  await db
    .insert(appSettings)
    .values({ key: commitKey(batchId), value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value } });
}

/** Where a batch stands: never committed, being committed (or stopped midway), or done. */
export async function commitState(db: Db, batchId: number): Promise<"open" | "running" | "done"> {
  const record = await readCommitRecord(db, batchId);
  return !record ? "open" : record.done ? "done" : "running";
}

/** mapRows, pausing for the event loop every CHECK_SLICE_ROWS rows. */
async function checkRows(rows: string[][], mapping: Mapping) {
  const checker = createRowChecker(mapping);
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % CHECK_SLICE_ROWS === 0) await nextTurn();
    checker.check(rows[i], i);
  }
  return checker.result();
}

export async function previewBatch(batch: { headers: string[]; rows: string[][] }, mapping: Mapping) {
  const { valid, errors } = await checkRows(batch.rows, mapping);
  return { total: batch.rows.length, valid: valid.length, errors: errors.slice(0, 500), errorCount: errors.length, sample: valid.slice(0, 5) };
}

async function deleteExpiredBatches(db: Tx) {
  const expired = (
    await db
      .select({ id: importBatches.id })
      .from(importBatches)
      .where(lt(importBatches.createdAt, new Date(Date.now() - BATCH_TTL_MS)))
  ).map((b) => b.id);
  if (expired.length === 0) return;
  await db.delete(appSettings).where(inArray(appSettings.key, expired.map(commitKey)));
  await db.delete(importBatches).where(inArray(importBatches.id, expired));
}

export async function uploadBatch(db: Db, user: SessionUser, unitId: number, filename: string, bytes: Uint8Array) {
  if (user.scopeUnitIds !== "all" && !user.scopeUnitIds.includes(unitId)) return { ok: false as const, code: "unitRequired" as const };
  // Parsed before the write transaction: a large file takes a while, and the write lane is shared.
  const parsed = await parseFile(filename, bytes);
  if (!parsed.ok) return parsed;
  const batchId = await transaction(db, async (tx) => {
    await deleteExpiredBatches(tx);
    const batch = await returnedRow(
      tx
        .insert(importBatches)
        .values({ userId: user.id, unitId, filename: filename.slice(0, 200), headers: parsed.headers, rows: parsed.rows })
        .returning({ id: importBatches.id }),
    );
    return batch.id;
  });
  // Checked after the commit, as the preview step does: checking pauses for the event loop, which must not hold the write lane.
  const mapping = defaultMapping(parsed.headers, await rememberedMapping(db, user.id));
  return { ok: true as const, batchId, headers: parsed.headers, mapping, preview: await previewBatch(parsed, mapping) };
}

/** A batch of this user, without its rows. */
async function getBatchInfo(db: Db, user: SessionUser, batchId: number) {
  const { id, userId, unitId, filename, headers, createdAt } = importBatches;
  return (
    (await firstRow(
      db
        .select({ id, userId, unitId, filename, headers, createdAt })
        .from(importBatches)
        .where(and(eq(importBatches.id, batchId), eq(importBatches.userId, user.id))),
    )) ?? null
  );
}

/** A batch of this user with its rows, read in slices that let other requests run in between. */
export async function getBatch(db: Db, user: SessionUser, batchId: number) {
  const batch = await getBatchInfo(db, user, batchId);
  if (!batch) return null;
  const rows: string[][] = [];
  for (;;) {
    const slice = await importBatchRowSlice(db, batch.id, rows.length, READ_SLICE_ROWS);
    rows.push(...slice);
    if (slice.length < READ_SLICE_ROWS) return { ...batch, rows };
    await nextTurn();
  }
}

/** The record a merged one ended in (a merge into a record that was merged in turn, followed to its end). */
async function keptRecordOf(db: Db, id: number): Promise<number> {
  for (let hops = 0; hops < 20; hops++) {
    const next = (await firstRow(db.select({ mergedIntoId: people.mergedIntoId }).from(people).where(eq(people.id, id))))?.mergedIntoId;
    if (next == null) return id;
    id = next;
  }
  return id;
}

/** One chunk: people with a known code updated, the others inserted. */
async function writePeople(db: Tx, unitId: number, rows: MappedRow[]) {
  const codes = rows.map((r) => r.externalCode).filter((c): c is string => c !== null);
  const existing = new Map<string, { id: number; followed: boolean }>();
  if (codes.length > 0) {
    for (const p of await db
      .select({ id: people.id, code: people.externalCode, mergedIntoId: people.mergedIntoId })
      .from(people)
      .where(inArray(people.externalCode, codes))) {
      // A code of a record merged into another (kept for the undo, docs/decisions/0024) names the record it went into.
      existing.set(p.code!, p.mergedIntoId === null ? { id: p.id, followed: false } : { id: await keptRecordOf(db, p.mergedIntoId), followed: true });
    }
  }
  let updated = 0;
  const fresh: (typeof people.$inferInsert)[] = [];
  for (const r of rows) {
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
      unitId,
    };
    const match = r.externalCode ? existing.get(r.externalCode) : undefined;
    if (match) {
      // The kept record keeps its own code: the merged one still holds this one (unique).
      const { externalCode, ...rest } = values;
      await db
        .update(people)
        .set(match.followed ? rest : { ...rest, externalCode })
        .where(eq(people.id, match.id));
      updated++;
    } else fresh.push(values);
  }
  const inserted = fresh.length > 0 ? changedRows(await db.insert(people).values(fresh)) : 0;
  return { inserted, updated };
}

type CommitResult = { ok: true; inserted: number; updated: number; skipped: number } | { ok: false; code: CommitError; values?: Record<string, number> };

export async function commitBatch(db: Db, user: SessionUser, batchId: number, requested: Mapping): Promise<CommitResult> {
  const batch = await getBatch(db, user, batchId);
  if (!batch) return { ok: false, code: "notFound" };
  const owner = randomUUID();
  // The rows are checked before the claim, pausing for the door; with the recorded mapping
  // when an import stopped midway is taken over. The claim then checks that nothing changed.
  const before = await readCommitRecord(db, batch.id);
  const mapping = before?.mapping ?? requested;
  if (mapping.fullName < 0) return { ok: false, code: "nameColumnRequired" };
  const { valid, errors } = await checkRows(batch.rows, mapping);
  const claim = await transaction(db, async (db) => {
    const record = await readCommitRecord(db, batch.id);
    if (record?.done) return { ok: false as const, code: "alreadyCommitted" as const };
    if (record && Date.now() - record.heartbeat < STALE_COMMIT_MS) return { ok: false as const, code: "commitInProgress" as const };
    if (record?.owner !== before?.owner) return { ok: false as const, code: "commitInProgress" as const };
    if (valid.length === 0) return { ok: false as const, code: "noValidRows" as const };
    const claimed: CommitRecord = { ...(record ?? { written: 0, inserted: 0, updated: 0 }), owner, mapping, heartbeat: Date.now(), done: false };
    await writeCommitRecord(db, batch.id, claimed);
    return { ok: true as const, record: claimed };
  });
  if (!claim.ok) return claim;
  const skipped = errors.length;
  let record = claim.record;

  while (record.written < valid.length) {
    await nextTurn();
    const chunk = valid.slice(record.written, record.written + COMMIT_CHUNK_ROWS);
    try {
      const next = await transaction(db, async (db) => {
        if ((await readCommitRecord(db, batch.id))?.owner !== owner) return null; // taken over, or the batch expired
        const counts = await writePeople(db, batch.unitId, chunk);
        const written: CommitRecord = {
          ...record,
          written: record.written + chunk.length,
          inserted: record.inserted + counts.inserted,
          updated: record.updated + counts.updated,
          heartbeat: Date.now(),
        };
        await writeCommitRecord(db, batch.id, written);
        return written;
      });
      if (!next) return { ok: false, code: "commitInProgress" };
      record = next;
    } catch (error) {
      console.error(`import ${batch.id}: stopped after ${record.written} rows`, error);
      // Released at once: the next commit resumes after the last written chunk.
      await transaction(db, async (db) => {
        if ((await readCommitRecord(db, batch.id))?.owner === owner) await writeCommitRecord(db, batch.id, { ...record, heartbeat: 0 });
      });
      return { ok: false, code: "commitInterrupted", values: { written: record.written } };
    }
  }

  const finished = await transaction(db, async (db) => {
    if ((await readCommitRecord(db, batch.id))?.owner !== owner) return false;
    const remembered = Object.fromEntries(IMPORT_FIELDS.filter((f) => record.mapping[f] >= 0).map((f) => [f, batch.headers[record.mapping[f]]]));
    await db
      .insert(appSettings)
      .values({ key: mappingKey(user.id), value: JSON.stringify(remembered) })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: JSON.stringify(remembered) } });
    await db.update(importBatches).set({ rows: [] }).where(eq(importBatches.id, batch.id));
    await writeCommitRecord(db, batch.id, { ...record, heartbeat: Date.now(), done: true });
    await recordAudit(db, {
      userId: user.id,
      action: "import",
      entity: "people",
      entityId: batch.filename,
      after: { inserted: record.inserted, updated: record.updated, skipped, unitId: batch.unitId },
    });
    return true;
  });
  if (!finished) return { ok: false, code: "commitInProgress" };
  return { ok: true, inserted: record.inserted, updated: record.updated, skipped };
}
