/**
 * Body kinds are data (migration 0008): "Ban Tuyên giáo và Dân vận" or "Ủy ban
 * MTTQ" needs no code change. Global: only the root unit's admin changes them.
 * A kind's key never changes once made: bodies, templates and campaign
 * requirements refer to it.
 */
import { asc, eq, sql } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { bodies, bodyKinds } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { BodyKindInput } from "@/lib/schemas/bodies";
import { mayManageGlobal, type BodyChangeResult } from "./body-access";

export interface BodyKindRow {
  key: string;
  label: string;
  requirable: boolean;
  colour: string;
  sortOrder: number;
  bodyCount: number;
}

export async function listBodyKinds(db: Db): Promise<BodyKindRow[]> {
  return await db
    .select({
      key: bodyKinds.key,
      label: bodyKinds.label,
      requirable: bodyKinds.requirable,
      colour: bodyKinds.colour,
      sortOrder: bodyKinds.sortOrder,
      bodyCount: sql<number>`(select count(*) from ${bodies} where ${bodies.kind} = ${bodyKinds.key})`.mapWith(Number),
    })
    .from(bodyKinds)
    .orderBy(asc(bodyKinds.sortOrder), asc(bodyKinds.label));
}

/** Adds a kind (no `originalKey`) or edits one (its key stays). */
export async function saveBodyKind(db: Db, actor: SessionUser, input: BodyKindInput): Promise<BodyChangeResult<{ key: string; created: boolean }>> {
  if (!mayManageGlobal(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult<{ key: string; created: boolean }>> => {
    const values = { label: input.label, requirable: input.requirable, colour: input.colour, sortOrder: input.sortOrder };
    if (input.originalKey === undefined) {
      if (await firstRow(db.select({ key: bodyKinds.key }).from(bodyKinds).where(eq(bodyKinds.key, input.key)))) {
        return { ok: false, field: "key", code: "kindKeyTaken" };
      }
      await db.insert(bodyKinds).values({ key: input.key, ...values });
      await recordAudit(db, { userId: actor.id, action: "create", entity: "body_kind", entityId: input.key, after: values });
      return { ok: true, key: input.key, created: true };
    }
    if (input.key !== input.originalKey) return { ok: false, field: "key", code: "kindKeyFixed" };
    const before = await firstRow(db.select().from(bodyKinds).where(eq(bodyKinds.key, input.key)));
    if (!before) return { ok: false, code: "notFound" };
    await db.update(bodyKinds).set(values).where(eq(bodyKinds.key, input.key));
    await recordAudit(db, {
      userId: actor.id,
      action: "update",
      entity: "body_kind",
      entityId: input.key,
      before: { label: before.label, requirable: before.requirable, colour: before.colour, sortOrder: before.sortOrder },
      after: values,
    });
    return { ok: true, key: input.key, created: false };
  });
}
