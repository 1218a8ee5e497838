import { and, asc, count, eq, inArray } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, conferences, invitations, people, sites, units } from "@/db/schema";
import { documentHeading } from "@/lib/documents/document-heading";
import { effectiveSigner, signatureBlock } from "@/lib/documents/signature-block";

/** Which letters: one conference (optionally one site, one body), some invitations, or one token. */
export interface LetterFilter {
  conferenceId?: number;
  invitationIds?: number[];
  token?: string;
  siteId?: number;
  bodyId?: number;
}

function whereLetters(filter: LetterFilter) {
  return and(
    filter.conferenceId ? eq(invitations.conferenceId, filter.conferenceId) : undefined,
    filter.invitationIds ? inArray(invitations.id, filter.invitationIds) : undefined,
    filter.token ? eq(invitations.token, filter.token) : undefined,
    filter.siteId ? eq(invitations.siteId, filter.siteId) : undefined,
    filter.bodyId ? eq(invitations.bodyId, filter.bodyId) : undefined,
    filter.token ? undefined : eq(invitations.status, "issued"),
    eq(invitations.kind, "invited"),
  );
}

/** How many letters the filter gives (to print them in batches). The caller has checked scope. */
export async function countLetters(db: Db, filter: LetterFilter): Promise<number> {
  return (await firstRow(db.select({ n: count() }).from(invitations).where(whereLetters(filter))))?.n ?? 0;
}

/** The letters of each site (main hall first), for printing site by site. The caller has checked scope. */
export async function countLettersBySite(db: Db, filter: Omit<LetterFilter, "siteId">) {
  return await db
    .select({ siteId: sites.id, venue: sites.venue, isMain: sites.isMain, count: count() })
    .from(invitations)
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .where(whereLetters(filter))
    .groupBy(sites.id)
    .orderBy(asc(sites.id));
}

/** Letters per printed batch: a few hundred keep a page load to seconds (1,796 in one load took ~45 s). */
export const LETTER_BATCH_SIZE = 200;

/**
 * Everything a printed letter (giấy mời) or the personal page shows, in print order (by site, then
 * name), optionally one batch of it. The heading and signature block are resolved here (lib/documents),
 * so every letter of a conference prints the same ones. The caller has checked scope.
 */
export async function getLetters(db: Db, filter: LetterFilter, page?: { offset: number; limit: number }) {
  const query = db
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
      bodyKind: bodies.kind,
      parentLine: bodies.parentLine,
      headingName: bodies.headingName,
      bodySigner: { signForm: bodies.signForm, signFor: bodies.signFor, signerTitle: bodies.signerTitle, signerName: bodies.signerName },
      conferenceSigner: {
        signForm: conferences.signForm,
        signFor: conferences.signFor,
        signerTitle: conferences.signerTitle,
        signerName: conferences.signerName,
      },
      placeName: units.placeName,
      siteId: sites.id,
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
    .where(whereLetters(filter))
    .orderBy(asc(sites.id), asc(people.searchName), asc(invitations.id));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  return rows.map(({ bodyKind, parentLine, headingName, bodySigner, conferenceSigner, ...row }) => ({
    ...row,
    heading: documentHeading({ name: row.bodyName, kind: bodyKind, parentLine, headingName, placeName: row.placeName }),
    signature: signatureBlock(effectiveSigner(conferenceSigner, bodySigner)),
  }));
}
export type Letter = Awaited<ReturnType<typeof getLetters>>[number];
