/**
 * Whose attendance a user may read, as SQL on `conferences` (docs/decisions/0010):
 * province staff and the root unit's admin all; an admin of a unit their subtree; an organiser the conferences of their body
 * (organised or co-organised); a district viewer their unit's (and below);
 * door staff none. Used by every report page and export.
 */
import { and, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { conferenceCoBodies, conferences } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";

export function reportScope(db: Db, user: SessionUser): SQL {
  if (!can(user.role, "report:read")) return sql`1 = 0`;
  if (user.role === "organizer") {
    if (user.bodyId === null) return sql`1 = 0`;
    const bodyId = user.bodyId;
    return or(
      eq(conferences.bodyId, bodyId),
      exists(
        db
          .select({ one: sql`1` })
          .from(conferenceCoBodies)
          .where(and(eq(conferenceCoBodies.conferenceId, conferences.id), eq(conferenceCoBodies.bodyId, bodyId))),
      ),
    )!;
  }
  if (user.scopeUnitIds === "all") return sql`1 = 1`;
  return inArray(conferences.unitId, user.scopeUnitIds);
}

/** Whether the user may open this conference's attendance report (the conference page shows the link only then). */
export async function canReadConferenceReport(db: Db, user: SessionUser, conferenceId: number): Promise<boolean> {
  return (
    (await firstRow(
      db
        .select({ id: conferences.id })
        .from(conferences)
        .where(and(eq(conferences.id, conferenceId), reportScope(db, user))),
    )) !== undefined
  );
}
