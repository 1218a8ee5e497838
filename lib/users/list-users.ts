import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, units, users } from "@/db/schema";

/** All accounts, for the admin page (admins are not scoped by unit). */
export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      role: users.role,
      disabled: users.disabled,
      unitName: units.name,
      bodyName: bodies.name,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(bodies, eq(bodies.id, users.bodyId))
    .orderBy(asc(units.sortOrder), asc(users.username))
    .all();
}
