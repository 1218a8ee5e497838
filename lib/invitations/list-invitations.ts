import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, invitations, people, sites, units, users } from "@/db/schema";
import { invitationTokenScope, siteReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { foldForSearch } from "@/lib/text/fold";
import { personSearchCondition } from "@/lib/people/search-condition";

export interface InvitationFilters {
  q?: string;
  siteId?: number;
  status?: "draft" | "issued" | "revoked";
  /** Only this body's invitations (an organiser sees the list of their own body). */
  bodyId?: number;
}

/**
 * The invitations of a conference with the person, site and letter, in the
 * user's part of it (siteReadScope: a district user sees their unit's bridge
 * point only). The token (the door credential) only for the body that issued
 * it and admins (invitationTokenScope); null for everyone else. The caller has
 * checked that the user may read the conference.
 */
export async function listInvitations(db: Db, user: SessionUser, conferenceId: number, filters: InvitationFilters = {}) {
  const q = filters.q ? foldForSearch(filters.q) : "";
  return await db
    .select({
      id: invitations.id,
      status: invitations.status,
      kind: invitations.kind,
      letterNumber: invitations.letterNumber,
      token: sql<string | null>`case when ${invitationTokenScope(user)} then ${invitations.token} end`,
      substituteName: invitations.substituteName,
      substitutePosition: invitations.substitutePosition,
      issuedAt: invitations.issuedAt,
      revokedAt: invitations.revokedAt,
      revokeReason: invitations.revokeReason,
      revokedByName: users.fullName,
      siteId: sites.id,
      siteVenue: sites.venue,
      siteIsMain: sites.isMain,
      bodyName: bodies.name,
      personId: people.id,
      fullName: people.fullName,
      position: people.position,
      workplace: people.workplace,
      phone: people.phone,
      isPartyMember: people.isPartyMember,
      category: people.category,
      unitName: units.name,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .innerJoin(bodies, eq(bodies.id, invitations.bodyId))
    .leftJoin(users, eq(users.id, invitations.revokedBy))
    .where(
      and(
        eq(invitations.conferenceId, conferenceId),
        eq(invitations.kind, "invited"),
        siteReadScope(db, user),
        filters.siteId ? eq(invitations.siteId, filters.siteId) : undefined,
        filters.status ? eq(invitations.status, filters.status) : undefined,
        filters.bodyId ? eq(invitations.bodyId, filters.bodyId) : undefined,
        q ? personSearchCondition(q) : undefined,
      ),
    )
    .orderBy(sql`${sites.isMain} desc`, asc(sites.id), asc(people.searchName));
}
export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>[number];
