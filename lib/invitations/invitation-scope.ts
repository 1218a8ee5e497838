/**
 * Who may change which invitations: an admin, those of conferences of units in their scope; an organiser, the
 * invitations their own body issues for a conference it organises or
 * co-organises ("invitations per organising body").
 */
import { and, eq, exists, or, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { conferenceCoBodies, conferences, invitations } from "@/db/schema";
import { adminCoversUnit, conferenceInUnits } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

/** The conference, and the body whose invitations the user manages there; null when none. */
export async function getInvitingConference(db: Db, user: SessionUser, conferenceId: number) {
  const conference = await firstRow(db.select().from(conferences).where(eq(conferences.id, conferenceId)));
  if (!conference) return null;
  if (user.role === "admin") return adminCoversUnit(user, conference.unitId) ? { conference, bodyId: conference.bodyId, allBodies: true } : null;
  if (user.role !== "organizer" || user.bodyId === null) return null;
  if (conference.bodyId === user.bodyId) return { conference, bodyId: user.bodyId, allBodies: false };
  const co = await firstRow(
    db
      .select({ bodyId: conferenceCoBodies.bodyId })
      .from(conferenceCoBodies)
      .where(and(eq(conferenceCoBodies.conferenceId, conferenceId), eq(conferenceCoBodies.bodyId, user.bodyId))),
  );
  return co ? { conference, bodyId: user.bodyId, allBodies: false } : null;
}

/** SQL: invitations the user may change (for update and delete statements). */
export function invitationWriteScope(db: Db, user: SessionUser) {
  if (user.role === "admin") return user.scopeUnitIds === "all" ? sql`1 = 1` : conferenceInUnits(invitations.conferenceId, user.scopeUnitIds);
  if (user.role !== "organizer" || user.bodyId === null) return sql`1 = 0`;
  const bodyId = user.bodyId;
  return and(
    eq(invitations.bodyId, bodyId),
    or(
      exists(
        db
          .select({ one: sql`1` })
          .from(conferences)
          .where(and(eq(conferences.id, invitations.conferenceId), eq(conferences.bodyId, bodyId))),
      ),
      exists(
        db
          .select({ one: sql`1` })
          .from(conferenceCoBodies)
          .where(and(eq(conferenceCoBodies.conferenceId, invitations.conferenceId), eq(conferenceCoBodies.bodyId, bodyId))),
      ),
    ),
  )!;
}
