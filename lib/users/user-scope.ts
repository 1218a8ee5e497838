/**
 * Delegated administration (docs/decisions/0018): an admin manages the accounts of their
 * own unit and the units below it; the root unit's admin manages all. As SQL,
 * for the `where` clause of every query that reads or changes accounts.
 */
import type { SQL } from "drizzle-orm";
import { users } from "@/db/schema";
import { coversUnit, inUnitScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

/** Who acts: enough of a SessionUser to scope by (a seed script may pass `{ id, scopeUnitIds: "all" }`). */
export type Actor = Pick<SessionUser, "id" | "scopeUnitIds">;

/** Accounts the actor may see and change. */
export function userScope(actor: Actor): SQL {
  return inUnitScope(actor, users.unitId);
}

/** Whether a unit is in the actor's subtree. */
export function unitInScope(actor: Actor, unitId: number): boolean {
  return coversUnit(actor, unitId);
}
