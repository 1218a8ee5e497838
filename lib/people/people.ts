/**
 * The people directory: search, create and edit, within the user's units (an
 * admin or province staff: all). A record merged into another (lib/people/merge-people.ts)
 * is kept for the undo but leaves the lists, the search and the edit form.
 */
import { and, asc, count, eq, inArray, isNull, like, ne, sql } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { people, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { nameOrderBy } from "@/lib/people/name-order";
import { personSearchCondition } from "@/lib/people/search-condition";
import type { PersonFormInput } from "@/lib/schemas/people";
import { foldForSearch } from "@/lib/text/fold";

export const PEOPLE_PAGE_SIZE = 50;

/** People of the user's units, merged records included (the merge and its undo need them). */
export const peopleInScope = (user: Pick<SessionUser, "scopeUnitIds">) => (user.scopeUnitIds === "all" ? undefined : inArray(people.unitId, user.scopeUnitIds));
/** People of the user's units that are records of their own (not merged into another). */
const inScope = (user: Pick<SessionUser, "scopeUnitIds">) => and(peopleInScope(user), isNull(people.mergedIntoId));

export interface PeopleFilters {
  q?: string;
  unitId?: number;
  category?: string;
  partyMember?: boolean;
  position?: string;
  page?: number;
}

export async function listPeople(db: Db, user: SessionUser, f: PeopleFilters) {
  const where = and(
    inScope(user),
    f.q ? personSearchCondition(foldForSearch(f.q)) : undefined,
    f.unitId ? eq(people.unitId, f.unitId) : undefined,
    f.category ? eq(people.category, f.category) : undefined,
    f.partyMember === undefined ? undefined : eq(people.isPartyMember, f.partyMember),
    f.position ? like(sql`lower(${people.position})`, `%${f.position.toLowerCase()}%`) : undefined,
  );
  const total = (await firstRow(db.select({ n: count() }).from(people).where(where)))!.n;
  const rows = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      position: people.position,
      workplace: people.workplace,
      phone: people.phone,
      category: people.category,
      isPartyMember: people.isPartyMember,
      unitName: units.name,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    // Vietnamese order: given name, middle, family (lib/people/name-order.ts); the id keeps paging stable.
    .orderBy(nameOrderBy(people.searchName), asc(people.id))
    .limit(PEOPLE_PAGE_SIZE)
    .offset(((f.page ?? 1) - 1) * PEOPLE_PAGE_SIZE);
  return { total, rows };
}

export async function getPerson(db: Db, user: SessionUser, id: number) {
  return (
    (await firstRow(
      db
        .select()
        .from(people)
        .where(and(eq(people.id, id), inScope(user))),
    )) ?? null
  );
}

export type PersonResult = { ok: true; id: number } | { ok: false; code: string; field?: string };

function unitAllowed(user: SessionUser, unitId: number) {
  return user.scopeUnitIds === "all" || user.scopeUnitIds.includes(unitId);
}

export async function savePerson(db: Db, user: SessionUser, input: PersonFormInput): Promise<PersonResult> {
  return await transaction(db, async (db) => {
    if (!unitAllowed(user, input.unitId)) return { ok: false, field: "unitId", code: "unitRequired" };
    const existing = input.personId ? await getPerson(db, user, input.personId) : undefined;
    if (input.personId && !existing) return { ok: false, code: "notFound" };
    if (input.externalCode) {
      const clash = await firstRow(
        db
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.externalCode, input.externalCode), existing ? ne(people.id, existing.id) : undefined)),
      );
      if (clash) return { ok: false, field: "externalCode", code: "externalCodeTaken" };
    }
    const values = {
      fullName: input.fullName,
      searchName: foldForSearch(input.fullName),
      position: input.position,
      workplace: input.workplace,
      unitId: input.unitId,
      category: input.category,
      isPartyMember: input.isPartyMember,
      phone: input.phone,
      email: input.email,
      externalCode: input.externalCode,
    };
    const id = await transaction(db, async (tx) => {
      const savedId = existing
        ? (await tx.update(people).set(values).where(eq(people.id, existing.id)), existing.id)
        : (await returnedRow(tx.insert(people).values(values).returning({ id: people.id }))).id;
      await recordAudit(tx, {
        userId: user.id,
        action: existing ? "update" : "create",
        entity: "person",
        entityId: savedId,
        before: existing ?? null,
        after: values,
      });
      return savedId;
    });
    return { ok: true, id };
  });
}
