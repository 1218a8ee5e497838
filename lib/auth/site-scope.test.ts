import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The leaks found by the code review of 2 December 2026 (docs/decisions/0015): a
 * provincial conference with bridge points seen from a district shows that
 * district's part only (sites, invitees, counts), tokens only to the issuing body,
 * a door's roster and actions its own site only, and invitation row actions
 * refuse another conference's ids.
 */
import { and, count, desc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodies, checkIns, conferences, invitations, people, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { recordSubstitute, undoCheckIn } from "@/lib/checkin/door-actions";
import { getLiveStats, liveSites } from "@/lib/checkin/live-stats";
import { buildOfflineRoster } from "@/lib/checkin/offline-roster";
import { siteForScan } from "@/lib/checkin/scan-statements";
import { getConference } from "@/lib/conferences/get-conference";
import { listConferences } from "@/lib/conferences/list-conferences";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { removeDraftInvitations, setInvitationSite } from "@/lib/invitations/manage-invitations";
import { createDemoDb } from "@/lib/testing/test-db";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const as = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;

/** The provincial conference with the most bridge points (the Standing Committee's, main site + 13). */
let provincial: { id: number; siteOf: (code: string) => number };

beforeAll(async () => {
  handle = await createDemoDb();
  const row = (await firstRow(handle.db.select({ id: sites.conferenceId, n: count() }).from(sites).groupBy(sites.conferenceId).orderBy(desc(count()))))!;
  const siteRows = await handle.db
    .select({ id: sites.id, code: units.code })
    .from(sites)
    .innerJoin(units, eq(units.id, sites.unitId))
    .where(eq(sites.conferenceId, row.id));
  const siteByUnitCode = new Map(siteRows.map((s) => [s.code, s.id]));
  provincial = {
    id: row.id,
    siteOf: (code) => siteByUnitCode.get(code)!,
  };
});
afterAll(() => handle.cleanup());

describe("a provincial conference seen from a district", () => {
  it("has bridge points in many units (the case under test)", async () => {
    const n = (await firstRow(handle.db.select({ n: count() }).from(sites).where(eq(sites.conferenceId, provincial.id))))!.n;
    expect(n).toBeGreaterThanOrEqual(14);
  });

  for (const username of ["baocao.bato", "tochuc.bato"]) {
    it(`${username}: the page and API's sites, totals and counts are Ba Tơ's part only`, async () => {
      const user = await as(username);
      const conference = (await getConference(handle.db, user, provincial.id))!;
      expect(conference.partial).toBe(true);
      expect(conference.sites.map((s) => s.id)).toEqual([provincial.siteOf("535")]);
      const baTo = (await firstRow(
        handle.db
          .select({ n: count() })
          .from(invitations)
          .where(and(eq(invitations.siteId, provincial.siteOf("535")), eq(invitations.kind, "invited"), eq(invitations.status, "issued"))),
      ))!.n;
      expect(baTo).toBeGreaterThan(0);
      expect(conference.totals.invited).toBe(baTo);
      // The conference list and home page count the same part.
      const listed = (await listConferences(handle.db, user)).find((c) => c.id === provincial.id)!;
      expect(listed.invited).toBe(baTo);
    });

    it(`${username}: the invitee list has Ba Tơ's site only and no tokens`, async () => {
      const user = await as(username);
      const rows = await listInvitations(handle.db, user, provincial.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.siteId))).toEqual(new Set([provincial.siteOf("535")]));
      expect(rows.every((r) => r.token === null)).toBe(true);
      // Asking for another unit's site by its id gives nothing.
      expect(await listInvitations(handle.db, user, provincial.id, { siteId: provincial.siteOf("536") })).toEqual([]);
    });

    it(`${username}: the live counter refuses another unit's site and counts Ba Tơ's part otherwise`, async () => {
      const conference = (await getConference(handle.db, await as(username), provincial.id))!;
      expect(liveSites(conference, provincial.siteOf("536"))).toBeNull();
      const part = liveSites(conference)!;
      expect(part.siteIds).toEqual([provincial.siteOf("535")]);
      const mine = await getLiveStats(handle.db, provincial.id, part.siteIds);
      const whole = await getLiveStats(handle.db, provincial.id);
      expect(mine.invited).toBe(conference.totals.invited);
      expect(mine.invited).toBeLessThan(whole.invited);
    });
  }

  it("the admin and province staff see every site; only the admin and the issuing body see tokens", async () => {
    const admin = await as("admin");
    const conference = (await getConference(handle.db, admin, provincial.id))!;
    expect(conference.partial).toBe(false);
    const rows = await listInvitations(handle.db, admin, provincial.id);
    expect(new Set(rows.map((r) => r.siteId)).size).toBeGreaterThanOrEqual(14);
    expect(rows.filter((r) => r.status === "issued").every((r) => r.token !== null)).toBe(true);
    // An organiser of the issuing (provincial) body sees its tokens; of another provincial body, none.
    const conf = (await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, provincial.id))))!;
    const issuing = await firstRow(
      handle.db
        .select()
        .from(users)
        .where(and(eq(users.role, "organizer"), eq(users.bodyId, conf.bodyId))),
    );
    if (issuing) {
      const issuingRows = await listInvitations(handle.db, (await loadSessionUser(handle.db, issuing.id, issuing.sessionVersion))!, provincial.id);
      expect(issuingRows.some((r) => r.token !== null)).toBe(true);
    }
    const otherBody = (await firstRow(
      handle.db
        .select()
        .from(bodies)
        .where(and(eq(bodies.unitId, conf.unitId), ne(bodies.id, conf.bodyId))),
    ))!;
    const otherOrganiser = await returnedRow(
      writerForSetup(handle.db)
        .insert(users)
        .values({ username: "tochuc.tinh.khac", fullName: "Cán bộ ban khác", role: "organizer", unitId: conf.unitId, bodyId: otherBody.id, passwordHash: "x" })
        .returning(),
    );
    const otherRows = await listInvitations(handle.db, (await loadSessionUser(handle.db, otherOrganiser.id, otherOrganiser.sessionVersion))!, provincial.id);
    expect(otherRows.length).toBe(rows.length);
    expect(otherRows.every((r) => r.token === null)).toBe(true);
  });
});

describe("the door of one bridge point", () => {
  it("downloads its own site's invitees only, with the phone's last four digits", async () => {
    const siteId = provincial.siteOf("535");
    const site = (await siteForScan(handle.db, siteId))!;
    const roster = await buildOfflineRoster(handle.db, site);
    expect(roster.invitations.length).toBeGreaterThan(0);
    expect(roster.invitations.every(([, rowSite]) => rowSite === siteId)).toBe(true);
    const phones = roster.invitations.map((r) => r[9]).filter(Boolean);
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p) => /^\d{4}$/.test(p))).toBe(true);
  });

  it("cannot record a substitute or undo a check-in for another site's invitation", async () => {
    const scanner = (await as("admin")).id;
    const other = (await firstRow(
      handle.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.siteId, provincial.siteOf("536")), eq(invitations.status, "issued"))),
    ))!;
    expect(await recordSubstitute(writerForSetup(handle.db), scanner, provincial.siteOf("535"), other.id, "Người Thay", "")).toBe(false);
    expect((await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, other.id))))!.substituteName).toBe(other.substituteName);
    expect(await recordSubstitute(writerForSetup(handle.db), scanner, provincial.siteOf("536"), other.id, "Người Thay", "")).toBe(true);

    const checked = await firstRow(
      handle.db
        .select()
        .from(checkIns)
        .where(eq(checkIns.siteId, provincial.siteOf("536"))),
    );
    if (checked) {
      expect(await undoCheckIn(handle.db, scanner, provincial.siteOf("535"), checked.invitationId, "nhầm")).toBe(false);
      expect(await firstRow(handle.db.select().from(checkIns).where(eq(checkIns.id, checked.id)))).toBeDefined();
    }
  });
});

describe("invitation row actions", () => {
  it("refuse another conference's invitation ids, change nothing and say so", async () => {
    const admin = await as("admin");
    const draft = await returnedRow(
      writerForSetup(handle.db)
        .insert(invitations)
        .values({
          conferenceId: provincial.id,
          personId: (
            await returnedRow(
              writerForSetup(handle.db)
                .insert(people)
                .values({ fullName: "Người Chưa Mời", searchName: "nguoi chua moi", unitId: await unitId("535") })
                .returning(),
            )
          ).id,
          bodyId: (await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, provincial.id))))!.bodyId,
          siteId: provincial.siteOf("535"),
          status: "draft",
        })
        .returning(),
    );
    const otherConference = (await firstRow(handle.db.select().from(conferences).where(ne(conferences.id, provincial.id))))!;
    const otherSite = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, otherConference.id))))!;
    expect(await removeDraftInvitations(handle.db, admin, otherConference.id, [draft.id])).toEqual({ ok: false, code: "invitationNotInConference" });
    expect(await setInvitationSite(handle.db, admin, otherConference.id, [draft.id], otherSite.id)).toEqual({ ok: false, code: "invitationNotInConference" });
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, draft.id)))).toMatchObject({
      siteId: provincial.siteOf("535"),
      status: "draft",
    });
    // Mixed with a valid id: all or nothing.
    const issued = (await firstRow(
      handle.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.conferenceId, provincial.id), eq(invitations.status, "issued"))),
    ))!;
    expect(await removeDraftInvitations(handle.db, admin, provincial.id, [draft.id, issued.id])).toEqual({ ok: false, code: "removeIssued" });
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, draft.id)))).toBeDefined();
    expect(await removeDraftInvitations(handle.db, admin, provincial.id, [draft.id])).toEqual({ ok: true, count: 1 });
  });
});
