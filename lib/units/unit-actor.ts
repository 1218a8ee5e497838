/**
 * Who changes units, and which units they may touch. The app passes its
 * SessionUser; a seed script may pass `{ id: null, unitId: null, scopeUnitIds: "all" }`.
 */
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { campaignRequirements, campaigns, units } from "@/db/schema";
import { coversUnit, inUnitScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

export type UnitActor = Pick<SessionUser, "scopeUnitIds"> & {
  /** The acting user, for the audit log (null: a script). */
  id: number | null;
  /** The actor's own unit: they may not retire or merge it away. */
  unitId: number | null;
};

export type UnitChangeResult = { ok: true; id: number } | { ok: false; code: string; field?: string };

/** Units the actor may change, as SQL on `units`. */
export function unitWriteScope(actor: UnitActor): SQL {
  return inUnitScope(actor, units.id);
}

export function isInScope(actor: UnitActor, unitId: number): boolean {
  return coversUnit(actor, unitId);
}

/** Global data (unit kinds) belongs to the admin of the root unit only. */
export function isRootAdmin(actor: UnitActor): boolean {
  return actor.scopeUnitIds === "all";
}

/**
 * A delegated admin's own unit (the top of their subtree) keeps the kind and
 * code the admin above gave it: its kind decides what each campaign requires
 * of it on the province's board, its code is how the province's list finds it.
 */
export function ownUnitIdentityChanged(actor: UnitActor, unit: { id: number; kind: string; code: string }, next: { kind: string; code: string }): boolean {
  return actor.scopeUnitIds !== "all" && unit.id === actor.unitId && (next.kind !== unit.kind || next.code !== unit.code);
}

/** "Xã Ba Tơ" of kind "Xã" → "Ba Tơ": the place name a letter heading uses, when none is given. */
export function derivePlaceName(name: string, kindLabel: string | undefined): string {
  const prefixes = [kindLabel, "Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Phường", "Huyện", "Tỉnh", "Xã"].filter((p): p is string => !!p);
  for (const prefix of prefixes) {
    if (name.toLocaleLowerCase("vi").startsWith(`${prefix.toLocaleLowerCase("vi")} `) && name.length > prefix.length + 1) {
      return name.slice(prefix.length + 1).trim();
    }
  }
  return name;
}

/**
 * Whether a running (not archived) campaign requires conferences of units of this kind. Such
 * kinds decide the province's board, so only the root unit's admin gives or takes them away: a
 * delegated admin may not create a unit of that kind, nor change a unit to or from it (a review
 * of 06/12/2026 found that a commune admin could add or drop obligations on the province's board).
 */
export async function kindOwesConferences(db: Db, kind: string): Promise<boolean> {
  return !!(await firstRow(
    db
      .select({ id: campaignRequirements.id })
      .from(campaignRequirements)
      .innerJoin(campaigns, eq(campaigns.id, campaignRequirements.campaignId))
      .where(and(eq(campaignRequirements.unitKind, kind), isNull(campaigns.archivedAt))),
  ));
}

/** A delegated admin's unit kind change (or new unit) that would change what the province's board asks. */
export async function changesRequiredKind(db: Db, actor: UnitActor, before: string | null, after: string): Promise<boolean> {
  if (actor.scopeUnitIds === "all" || before === after) return false;
  return (await kindOwesConferences(db, after)) || (before !== null && (await kindOwesConferences(db, before)));
}
