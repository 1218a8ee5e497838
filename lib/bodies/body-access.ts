/**
 * Who may change bodies and their global data, as SQL and as plain checks.
 * Bodies belong to a unit: an admin changes the bodies of the units in their
 * scope. Body kinds and templates are shared by every unit: only the admin of
 * the root unit (scope "all") changes them.
 */
import type { SQL } from "drizzle-orm";
import { bodies, units } from "@/db/schema";
import { inUnitScope, isRootAdmin } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";

export type BodyChangeResult<T = object> = ({ ok: true } & T) | { ok: false; code: string; field?: string };

/** Whether the actor may manage bodies at all (the action checked it too; the lib does not trust callers). */
export function mayManageBodies(actor: SessionUser): boolean {
  return can(actor.role, "body:manage");
}

/** Whether the actor may change global data: body kinds and templates. */
export function mayManageGlobal(actor: SessionUser): boolean {
  return isRootAdmin(actor);
}

/** Bodies the actor may read and change, on `bodies`. */
export function bodyScope(actor: SessionUser): SQL {
  return inUnitScope(actor, bodies.unitId);
}

/** Units the actor may add bodies to, on `units`. */
export function bodyUnitScope(actor: SessionUser): SQL {
  return inUnitScope(actor, units.id);
}
