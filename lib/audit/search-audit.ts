/** The audit log, searched by the administrator (/admin/audit): who changed what, when, before and after. */
import { and, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { parseDateInput } from "@/lib/time/parse";
import { zonedInstant } from "@/lib/time/zone";
import { trimmedText } from "@/lib/schemas/text";

export const AUDIT_PAGE_SIZE = 50;

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v ? (parseDateInput(v) ?? undefined) : undefined))
  .catch(undefined);

/** URL filters; anything unreadable is dropped, never an error page. */
export const auditFilterSchema = z.object({
  q: trimmedText().max(100).optional().catch(undefined),
  user: trimmedText().max(60).optional().catch(undefined),
  entity: trimmedText().max(40).regex(/^[a-z_]+$/).optional().catch(undefined),
  action: trimmedText().max(60).regex(/^[a-z_]+$/).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** LIKE with the user's text taken literally (% and _ escaped). */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Delegated administration (issue 13): an admin below the root reads the entries
 * made by accounts of their subtree (their own and their users' actions), not
 * the province's or another commune's; the root unit's admin reads every entry.
 */
export function auditScope(db: Db, reader: Pick<SessionUser, "scopeUnitIds">): SQL | undefined {
  if (reader.scopeUnitIds === "all") return undefined;
  return inArray(auditLog.userId, db.select({ id: users.id }).from(users).where(inArray(users.unitId, reader.scopeUnitIds)));
}

export function searchAudit(db: Db, f: AuditFilter, reader: Pick<SessionUser, "scopeUnitIds">) {
  const where = and(
    auditScope(db, reader),
    f.user ? eq(users.username, f.user) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from ? gte(auditLog.at, zonedInstant(f.from)) : undefined,
    f.to ? lt(auditLog.at, new Date(zonedInstant(f.to).getTime() + 86_400_000)) : undefined,
    f.q
      ? or(
          eq(auditLog.entityId, f.q),
          sql`${auditLog.before} like ${contains(f.q)} escape '\\'`,
          sql`${auditLog.after} like ${contains(f.q)} escape '\\'`,
          like(users.fullName, contains(f.q)),
        )
      : undefined,
  );
  const page = f.page ?? 1;
  const rows = db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after, username: users.username, fullName: users.fullName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasNext: rows.length > AUDIT_PAGE_SIZE, page };
}

export function auditChoices(db: Db) {
  return {
    entities: db.selectDistinct({ v: auditLog.entity }).from(auditLog).orderBy(auditLog.entity).all().map((r) => r.v),
    actions: db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action).all().map((r) => r.v),
  };
}
