/**
 * A door cadre's assignments, each with its door hours and where the door stands now (open, not
 * yet open, over, cancelled), so that the home page and /scan can say what is next and why a site
 * is closed (issue 15, docs/decisions/0025). Scope: the user's own rows of site_staff, in SQL.
 */
import { and, asc, eq, gte, ne } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { conferences, sites, siteStaff, units } from "@/db/schema";
import { doorPhaseAt, type DoorPhase } from "./shared/verdict";
import { checkInWindow, closeAfterMinutes } from "./window";

/** How long a closed door stays on the list ("đã kết thúc"), so that the evening after still explains itself. */
export const RECENT_DAYS = 7;

export interface Assignment {
  siteId: number;
  venue: string;
  address: string | null;
  isMain: boolean;
  conferenceId: number;
  title: string;
  unitName: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  cancelReason: string | null;
  opensAt: Date;
  closesAt: Date;
  phase: DoorPhase;
}

const PHASE_ORDER: Record<DoorPhase, number> = { open: 0, not_yet: 1, over: 2, cancelled: 3, draft: 4 };

/**
 * The sites a door-staff account is assigned to whose door has not closed more than RECENT_DAYS
 * ago: open ones first, then those not yet open (soonest first: the first is "what is next"),
 * then the ones that are over (latest first) and the cancelled ones. Drafts are left out: a
 * draft is not yet the cadre's business.
 */
export async function listAssignments(db: Db, userId: number, now: Date = new Date()): Promise<Assignment[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000 - closeAfterMinutes() * 60_000);
  const rows = await db
    .select({
      siteId: sites.id,
      venue: sites.venue,
      address: sites.address,
      isMain: sites.isMain,
      conferenceId: conferences.id,
      title: conferences.title,
      unitName: units.name,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
      status: conferences.status,
      cancelReason: conferences.cancelReason,
    })
    .from(siteStaff)
    .innerJoin(sites, eq(sites.id, siteStaff.siteId))
    .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
    .innerJoin(units, eq(units.id, conferences.unitId))
    .where(and(eq(siteStaff.userId, userId), gte(conferences.endsAt, since), ne(conferences.status, "draft")))
    .orderBy(asc(conferences.startsAt));
  return rows
    .map((row) => {
      const window = checkInWindow(row);
      const phase = doorPhaseAt({ status: row.status, opensAt: window.opensAt.getTime(), closesAt: window.closesAt.getTime() }, now.getTime());
      return { ...row, ...window, phase };
    })
    .sort(
      (a, b) =>
        PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] ||
        (a.phase === "over" ? b.closesAt.getTime() - a.closesAt.getTime() : a.opensAt.getTime() - b.opensAt.getTime()),
    );
}

/** The site's door hours and phase for a user already known to be assigned there (the door page's refusal says why). */
export async function siteDoorHours(db: Db, siteId: number, now: Date = new Date()) {
  const row = await firstRow(
    db
      .select({ startsAt: conferences.startsAt, endsAt: conferences.endsAt, status: conferences.status, cancelReason: conferences.cancelReason })
      .from(sites)
      .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
      .where(eq(sites.id, siteId)),
  );
  if (!row) return null;
  const window = checkInWindow(row);
  return {
    ...window,
    status: row.status,
    cancelReason: row.cancelReason,
    phase: doorPhaseAt({ status: row.status, opensAt: window.opensAt.getTime(), closesAt: window.closesAt.getTime() }, now.getTime()),
  };
}
