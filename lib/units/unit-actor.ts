/**
 * Who changes units, and which units they may touch. The app passes its
 * SessionUser; a seed script may pass `{ id: null, unitId: null, scopeUnitIds: "all" }`.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import { units } from "@/db/schema";
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
  return actor.scopeUnitIds === "all" ? sql`1 = 1` : inArray(units.id, actor.scopeUnitIds);
}

export function isInScope(actor: UnitActor, unitId: number): boolean {
  return actor.scopeUnitIds === "all" || actor.scopeUnitIds.includes(unitId);
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
