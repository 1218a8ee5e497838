/** The audit log, searched by the administrator (/admin/audit): who changed what, when, before and after. */
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { likeIgnoringCase } from "@/db/dialect";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { auditLog, conferences, invitations, people, units, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { parseDateInput } from "@/lib/time/parse";
import { zonedInstant } from "@/lib/time/zone";
import { trimmedText } from "@/lib/schemas/text";
import { foldForSearch } from "@/lib/text/fold";

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
  entity: trimmedText()
    .max(40)
    .regex(/^[a-z_]+$/)
    .optional()
    .catch(undefined),
  /** "entity.action" (what the filter offers: "conference.issue_invitations"), or an action alone. */
  action: trimmedText()
    .max(100)
    .regex(/^[a-z_]+(\.[a-z_]+)?$/)
    .optional()
    .catch(undefined),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** LIKE with the user's text taken literally (% and _ escaped). */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Delegated administration (docs/decisions/0018): an admin below the root reads the entries
 * made by accounts of their subtree (their own and their users' actions), not
 * the province's or another commune's; the root unit's admin reads every entry.
 */
export function auditScope(db: Db, reader: Pick<SessionUser, "scopeUnitIds">): SQL | undefined {
  if (reader.scopeUnitIds === "all") return undefined;
  return inArray(auditLog.userId, db.select({ id: users.id }).from(users).where(inArray(users.unitId, reader.scopeUnitIds)));
}

function actionCondition(value: string): SQL | undefined {
  const [first, second] = value.split(".");
  return second ? and(eq(auditLog.entity, first), eq(auditLog.action, second)) : eq(auditLog.action, first);
}

/**
 * The entries about objects whose name holds the text (the log stores ids; the page shows names, so the
 * search finds by name too): people (without diacritics), their invitations, conferences, units, accounts.
 */
function namedObjects(db: Db, q: string): SQL | undefined {
  const folded = contains(foldForSearch(q));
  const text = contains(q);
  const idText = (column: SQLiteColumn) => sql<string>`cast(${column} as text)`;
  const personMatches = sql`${people.searchName} like ${folded} escape '\\'`;
  return or(
    and(
      eq(auditLog.entity, "person"),
      inArray(
        auditLog.entityId,
        db
          .select({ id: idText(people.id) })
          .from(people)
          .where(personMatches),
      ),
    ),
    and(
      eq(auditLog.entity, "invitation"),
      inArray(
        auditLog.entityId,
        db
          .select({ id: idText(invitations.id) })
          .from(invitations)
          .where(inArray(invitations.personId, db.select({ id: people.id }).from(people).where(personMatches))),
      ),
    ),
    and(
      eq(auditLog.entity, "conference"),
      inArray(
        auditLog.entityId,
        db
          .select({ id: idText(conferences.id) })
          .from(conferences)
          .where(likeIgnoringCase(conferences.title, text)),
      ),
    ),
    and(
      eq(auditLog.entity, "unit"),
      inArray(
        auditLog.entityId,
        db
          .select({ id: idText(units.id) })
          .from(units)
          .where(likeIgnoringCase(units.name, text)),
      ),
    ),
    and(
      eq(auditLog.entity, "user"),
      inArray(
        auditLog.entityId,
        db
          .select({ id: idText(users.id) })
          .from(users)
          .where(or(likeIgnoringCase(users.fullName, text), likeIgnoringCase(users.username, text))),
      ),
    ),
  );
}

export async function searchAudit(db: Db, f: AuditFilter, reader: Pick<SessionUser, "scopeUnitIds">) {
  const where = and(
    auditScope(db, reader),
    f.user ? eq(users.username, f.user) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.action ? actionCondition(f.action) : undefined,
    f.from ? gte(auditLog.at, zonedInstant(f.from)) : undefined,
    f.to ? lt(auditLog.at, new Date(zonedInstant(f.to).getTime() + 86_400_000)) : undefined,
    f.q
      ? or(
          eq(auditLog.entityId, f.q),
          likeIgnoringCase(sql`cast(${auditLog.before} as text)`, contains(f.q)),
          likeIgnoringCase(sql`cast(${auditLog.after} as text)`, contains(f.q)),
          likeIgnoringCase(users.fullName, contains(f.q)),
          namedObjects(db, f.q),
        )
      : undefined,
  );
  const page = f.page ?? 1;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      username: users.username,
      fullName: users.fullName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasNext: rows.length > AUDIT_PAGE_SIZE, page };
}

/** What the filters offer: the entities, and the (entity, action) pairs the log holds, labelled by the page. */
export async function auditChoices(db: Db) {
  return {
    entities: (await db.selectDistinct({ v: auditLog.entity }).from(auditLog).orderBy(auditLog.entity)).map((r) => r.v),
    actions: (await db.selectDistinct({ entity: auditLog.entity, action: auditLog.action }).from(auditLog).orderBy(auditLog.entity, auditLog.action)).map(
      (r) => ({ value: `${r.entity}.${r.action}`, entity: r.entity, action: r.action }),
    ),
  };
}
