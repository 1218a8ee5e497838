/**
 * A conference's status follows the clock (issue 14; docs/decisions/0022): computed in SQL
 * from the stored status, its times and its check-ins, so that reports, the board and the
 * pages never wait for an organiser's click.
 *
 * - draft, held and cancelled are what the organiser said;
 * - scheduled or in progress, and ended: held if anyone was checked in; otherwise it stays as
 *   it is and waits for the organiser to confirm (a task on their home page: a conference that
 *   ended with no scan may have been held on paper, or not at all);
 * - scheduled, and its door open (OPEN_BEFORE minutes before the start) or a first scan
 *   arrived: in progress;
 * - otherwise scheduled.
 */
import { and, eq, exists, inArray, lte, notExists, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { epochMillis } from "@/db/dialect";
import { checkIns, conferences, type ConferenceStatus } from "@/db/schema";
import { openBeforeMinutes } from "@/lib/checkin/window";

function anyCheckIn(db: Db): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(checkIns)
      .where(eq(checkIns.conferenceId, conferences.id)),
  );
}

/** The status as of `now`, as an SQL expression on `conferences`. */
export function effectiveStatus(db: Db, now: Date): SQL<ConferenceStatus> {
  const at = now.getTime();
  const opensBefore = openBeforeMinutes() * 60_000;
  const checkedIn = anyCheckIn(db);
  return sql<ConferenceStatus>`case
    when ${conferences.status} in ('draft', 'held', 'cancelled') then ${conferences.status}
    when ${epochMillis(conferences.endsAt)} <= ${at} then case when ${checkedIn} then 'held' else ${conferences.status} end
    when ${epochMillis(conferences.startsAt)} - ${opensBefore} <= ${at} or ${checkedIn} then 'in_progress'
    else ${conferences.status}
  end`;
}

/** Conferences that ended with nobody checked in and are not marked held or cancelled: the organiser confirms what happened. */
export function awaitingConfirmation(db: Db, now: Date): SQL {
  return and(
    inArray(conferences.status, ["scheduled", "in_progress"]),
    lte(conferences.endsAt, now),
    notExists(
      db
        .select({ one: sql`1` })
        .from(checkIns)
        .where(eq(checkIns.conferenceId, conferences.id)),
    ),
  )!;
}
