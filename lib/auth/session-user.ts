/**
 * The signed-in user as the server sees it on each request: loaded fresh from
 * the database, so that a disabled account or a changed password takes effect
 * at once, with the set of units the user may see.
 */
import { eq } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, units, users, type Role } from "@/db/schema";

export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  unitId: number;
  unitName: string;
  bodyId: number | null;
  bodyName: string | null;
  /**
   * "all" for users of the root unit (the province); otherwise the user's unit and those below it.
   * An admin is scoped like everyone else: the root unit's admin manages everything, a commune's admin their commune.
   */
  scopeUnitIds: "all" | number[];
  /** Set for a new or reset account: until the user picks a password, every page leads to /account and actions refuse. */
  mustChangePassword: boolean;
}

export async function loadSessionUser(db: Db, userId: number, sessionVersion: number): Promise<SessionUser | null> {
  const row = await firstRow(
    db
      .select({
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        role: users.role,
        unitId: users.unitId,
        unitName: units.name,
        unitParentId: units.parentId,
        bodyId: users.bodyId,
        bodyName: bodies.name,
        disabled: users.disabled,
        sessionVersion: users.sessionVersion,
        mustChangePassword: users.mustChangePassword,
      })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .leftJoin(bodies, eq(bodies.id, users.bodyId))
      .where(eq(users.id, userId)),
  );
  if (!row || row.disabled || row.sessionVersion !== sessionVersion) return null;

  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    unitId: row.unitId,
    unitName: row.unitName,
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    scopeUnitIds: row.unitParentId === null ? "all" : await unitSubtree(db, row.unitId),
    mustChangePassword: row.mustChangePassword,
  };
}

/** The unit and every unit below it (the tree is shallow: province → district → commune). */
export async function unitSubtree(db: Db, rootId: number): Promise<number[]> {
  const found = new Set([rootId]);
  let frontier = [rootId];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const child of await db.select({ id: units.id }).from(units).where(eq(units.parentId, id))) {
        if (!found.has(child.id)) {
          found.add(child.id);
          next.push(child.id);
        }
      }
    }
    frontier = next;
  }
  return [...found];
}
