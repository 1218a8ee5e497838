/**
 * Labels and colours of unit kinds and body kinds. Kinds are data (tables
 * unit_kinds and body_kinds, edited by an admin), so their names come from the
 * database: in Vietnamese always the table's label (an admin's rename shows at
 * once); in English the translation of a standard kind where one exists, else
 * the Vietnamese label (a kind a province added has no English name yet).
 */
import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodyKinds, unitKinds } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

export const FALLBACK_COLOUR = "#5b6474";

export interface KindLabels {
  unitKinds: { key: string; label: string }[];
  bodyKinds: { key: string; label: string; colour: string; requirable: boolean }[];
  unit(key: string): string;
  body(key: string): string;
  colour(bodyKey: string): string;
}

/** `translate` answers the English name of "unitKind.x" / "bodyKind.x", or undefined when there is none. */
export async function loadKindLabels(db: Db, locale: Locale, translate: (path: string) => string | undefined = () => undefined): Promise<KindLabels> {
  const localised = (path: string, label: string) => (locale === "vi" ? label : (translate(path) ?? label));
  const units = await db.select().from(unitKinds).orderBy(asc(unitKinds.sortOrder), asc(unitKinds.label));
  const bodies = await db.select().from(bodyKinds).orderBy(asc(bodyKinds.sortOrder), asc(bodyKinds.label));
  const unitLabel = new Map(units.map((k) => [k.key, localised(`unitKind.${k.key}`, k.label)]));
  const bodyLabel = new Map(bodies.map((k) => [k.key, localised(`bodyKind.${k.key}`, k.label)]));
  const colour = new Map(bodies.map((k) => [k.key, k.colour]));
  return {
    unitKinds: units.map((k) => ({ key: k.key, label: unitLabel.get(k.key)! })),
    bodyKinds: bodies.map((k) => ({ key: k.key, label: bodyLabel.get(k.key)!, colour: k.colour, requirable: k.requirable })),
    unit: (key) => unitLabel.get(key) ?? key,
    body: (key) => bodyLabel.get(key) ?? key,
    colour: (key) => colour.get(key) ?? FALLBACK_COLOUR,
  };
}
