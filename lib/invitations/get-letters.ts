import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, conferences, invitations, people, sites, units } from "@/db/schema";

/** Everything a printed letter (giấy mời) or the personal page shows. The caller has checked scope. */
export function getLetters(db: Db, filter: { conferenceId?: number; invitationIds?: number[]; token?: string; siteId?: number; bodyId?: number }) {
  return db
    .select({
      invitationId: invitations.id,
      status: invitations.status,
      token: invitations.token,
      letterNumber: invitations.letterNumber,
      issuedAt: invitations.issuedAt,
      fullName: people.fullName,
      position: people.position,
      workplace: people.workplace,
      conferenceId: conferences.id,
      title: conferences.title,
      agenda: conferences.agenda,
      audience: conferences.audience,
      chair: conferences.chair,
      contact: conferences.contact,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
      conferenceStatus: conferences.status,
      bodyName: bodies.name,
      placeName: units.placeName,
      venue: sites.venue,
      address: sites.address,
      isMainSite: sites.isMain,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .innerJoin(bodies, eq(bodies.id, invitations.bodyId))
    .innerJoin(units, eq(units.id, bodies.unitId))
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .where(
      and(
        filter.conferenceId ? eq(invitations.conferenceId, filter.conferenceId) : undefined,
        filter.invitationIds ? inArray(invitations.id, filter.invitationIds) : undefined,
        filter.token ? eq(invitations.token, filter.token) : undefined,
        filter.siteId ? eq(invitations.siteId, filter.siteId) : undefined,
        filter.bodyId ? eq(invitations.bodyId, filter.bodyId) : undefined,
        filter.token ? undefined : eq(invitations.status, "issued"),
        eq(invitations.kind, "invited"),
      ),
    )
    .orderBy(asc(sites.id), asc(people.searchName))
    .all();
}
export type Letter = ReturnType<typeof getLetters>[number];
