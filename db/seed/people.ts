/** The demo's people: names, phones, positions and workplaces drawn from the seeded stream, inserted in pools. */
import { foldForSearch } from "@/lib/text/fold";
import type { Tx } from "../client";
import { drawRole, workplacesOf, type DemoLevel, type RolePlace } from "../demo-roles";
import * as t from "../schema";
import { CATEGORIES, FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE, type CategoryCode } from "../seed-data";
import type { Random } from "./random";

/** A unit as its people's workplaces see it (db/demo-roles.ts). */
export type SeedPlace = RolePlace & { level: DemoLevel; code?: string };

/** `newName` and `createPool`, drawing from `rnd` in the order they are called. */
export function peopleMaker(d: Tx, rnd: Random) {
  const usedPhones = new Set<string>();
  let personSeq = 0;
  const newName = (highland: boolean) => {
    const female = rnd.chance(0.45);
    const families: [string, number][] = highland ? FAMILY_NAMES.map(([n, w]) => [n, n === "Đinh" ? 18 : w]) : FAMILY_NAMES;
    return `${rnd.weighted(families)} ${rnd.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE)} ${rnd.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`;
  };
  // Position and workplace are drawn together from the unit's plausible pairs (db/demo-roles.ts), from the
  // same two draws of the stream as before, so that names, phones and attendance stay as they were.
  const heldPositions = new Map<number, Map<string, number>>();
  const newPerson = (unitId: number, place: SeedPlace, category: CategoryCode, highland: boolean) => {
    const fullName = newName(highland);
    const spec = CATEGORIES[category];
    const workplaceDraw = rnd.float();
    let phone: string;
    do phone = `09${String(rnd.int(0, 99_999_999)).padStart(8, "0")}`;
    while (usedPhones.has(phone));
    usedPhones.add(phone);
    personSeq++;
    const taken = heldPositions.get(unitId) ?? new Map<string, number>();
    heldPositions.set(unitId, taken);
    const role = drawRole(workplacesOf(place.level, category, { ...place, highland }, place.code), workplaceDraw, rnd.float(), taken);
    return {
      fullName,
      searchName: foldForSearch(fullName),
      position: role.position,
      workplace: role.workplace,
      unitId,
      isPartyMember: rnd.chance(spec.partyShare),
      category,
      phone,
      email: null,
      externalCode: `QNG-${String(personSeq).padStart(6, "0")}`,
    };
  };
  const createPool = async (unitId: number, place: SeedPlace, category: CategoryCode, size: number, highland = false): Promise<number[]> => {
    const rows = Array.from({ length: size }, () => newPerson(unitId, place, category, highland));
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      for (const r of await d
        .insert(t.people)
        .values(rows.slice(i, i + 500))
        .returning({ id: t.people.id }))
        ids.push(r.id);
    }
    return ids;
  };
  return { newName, createPool };
}
