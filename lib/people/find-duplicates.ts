/**
 * "Có thể trùng người": records that are likely the same human as this one.
 * A namesake alone is not enough (a province has many Nguyễn Văn An): the
 * folded name must match AND at least one more thing must — the phone, the
 * e-mail, the external code, or the workplace (folded, without diacritics).
 * Ranked by how many of those match. There is no birth year in the directory.
 */
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people, units } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { foldForSearch } from "@/lib/text/fold";
import { peopleInScope } from "./people";

export const DUPLICATE_SIGNALS = ["phone", "email", "externalCode", "workplace"] as const;
export type DuplicateSignal = (typeof DUPLICATE_SIGNALS)[number];

/** How many namesakes are weighed at most (the name is indexed; a province has a few dozen of the commonest). */
const NAMESAKE_LIMIT = 500;
const SHOWN = 20;

interface Comparable {
  phone: string | null;
  email: string | null;
  externalCode: string | null;
  workplace: string;
}

/** A code as people type it: case, spaces, dots and dashes aside ("QN-0012" is "qn 0012"). */
const foldCode = (code: string | null) => (code ? foldForSearch(code).replace(/[\s.\-_/]/g, "") : "");
const foldEmail = (email: string | null) => (email ? email.trim().toLowerCase() : "");

/** What two records of the same folded name have in common besides it. */
export function duplicateSignals(a: Comparable, b: Comparable): DuplicateSignal[] {
  const signals: DuplicateSignal[] = [];
  if (a.phone && a.phone === b.phone) signals.push("phone");
  if (foldEmail(a.email) && foldEmail(a.email) === foldEmail(b.email)) signals.push("email");
  if (foldCode(a.externalCode) && foldCode(a.externalCode) === foldCode(b.externalCode)) signals.push("externalCode");
  const workplace = foldForSearch(a.workplace);
  if (workplace && workplace === foldForSearch(b.workplace)) signals.push("workplace");
  return signals;
}

export type DuplicateCandidate = Awaited<ReturnType<typeof findPossibleDuplicates>>[number];

/** Likely duplicates of a person within the user's units, most signals first; never a namesake with nothing else in common. */
export async function findPossibleDuplicates(db: Db, user: Pick<SessionUser, "scopeUnitIds">, person: Comparable & { id: number; searchName: string }) {
  const namesakes = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      position: people.position,
      workplace: people.workplace,
      phone: people.phone,
      email: people.email,
      externalCode: people.externalCode,
      unitName: units.name,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(peopleInScope(user), isNull(people.mergedIntoId), ne(people.id, person.id), eq(people.searchName, person.searchName)))
    .orderBy(asc(people.id))
    .limit(NAMESAKE_LIMIT);
  return namesakes
    .map((c) => ({ ...c, signals: duplicateSignals(person, c) }))
    .filter((c) => c.signals.length > 0)
    .sort((a, b) => b.signals.length - a.signals.length || a.id - b.id)
    .slice(0, SHOWN);
}
