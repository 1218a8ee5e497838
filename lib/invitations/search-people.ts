import { and, asc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, people, units } from "@/db/schema";
import { unitSubtree } from "@/lib/auth/session-user";
import { foldForSearch } from "@/lib/text/fold";
import { personSearchCondition } from "@/lib/people/search-condition";

/** People of the conference's units matching a name (without diacritics) or a phone, not yet invited. */
export async function searchInvitablePeople(db: Db, conferenceId: number, conferenceUnitId: number, q: string, limit = 20) {
  const folded = foldForSearch(q);
  return await db
    .select({ id: people.id, fullName: people.fullName, position: people.position, workplace: people.workplace, unitName: units.name, phone: people.phone })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        inArray(people.unitId, await unitSubtree(db, conferenceUnitId)),
        personSearchCondition(folded),
        isNull(people.mergedIntoId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(invitations)
            .where(and(eq(invitations.personId, people.id), eq(invitations.conferenceId, conferenceId))),
        ),
      ),
    )
    .orderBy(asc(people.searchName))
    .limit(limit);
}

/** Categories (thành phần) present in the directory, for the add-by-filter form. */
export async function listCategories(db: Db) {
  return (
    await db
      .selectDistinct({ category: people.category })
      .from(people)
      .where(sql`${people.category} <> ''`)
      .orderBy(people.category)
  ).map((r) => r.category);
}
