/** The choices of the report filters, within what the user may read. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, units } from "@/db/schema";
import { unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { listCategories } from "@/lib/invitations/search-people";

export async function reportFilterOptions(db: Db, user: SessionUser) {
  const unitList = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(unitReadScope(user))
    .orderBy(asc(units.sortOrder), asc(units.name));
  const bodyList =
    user.role === "organizer"
      ? await db
          .select({ id: bodies.id, name: bodies.name, unitId: bodies.unitId })
          .from(bodies)
          .where(eq(bodies.id, user.bodyId ?? -1))
      : await db
          .select({ id: bodies.id, name: bodies.name, unitId: bodies.unitId })
          .from(bodies)
          .innerJoin(units, eq(units.id, bodies.unitId))
          .where(
            and(
              unitReadScope(user),
              unitList.length
                ? inArray(
                    bodies.unitId,
                    unitList.map((u) => u.id),
                  )
                : undefined,
            ),
          )
          .orderBy(asc(units.sortOrder), asc(bodies.name));
  return { campaigns: await listCampaigns(db), units: unitList, bodies: bodyList, categories: await listCategories(db) };
}
