/**
 * Who may scan at a site: door staff assigned to it, while the door is open;
 * an admin, or an organiser of the organising or a co-organising body, at any time.
 * A device's offline queue may still be synced for a few days after the door closes
 * (its scans are judged by their device time, against the window).
 * On the check-in hot path: prepared statements (lib/checkin/scan-statements.ts).
 */
import { and, eq } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { preparedFirst } from "@/db/prepared";
import { conferenceCoBodies, conferences } from "@/db/schema";
import { adminCoversUnit } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { scanStatements, siteForScan } from "./scan-statements";
import { checkInWindow } from "./window";

type SiteRow = NonNullable<Awaited<ReturnType<typeof siteForScan>>>;

export type SiteAccess =
  | {
      ok: true;
      site: { id: number; venue: string; conferenceId: number; isMain: boolean };
      /** The row as loaded, for the scan that follows. */
      row: SiteRow;
      conference: Pick<SiteRow, "title" | "startsAt" | "endsAt" | "status" | "graceMinutes" | "bodyId"> & { id: number };
    }
  | { ok: false; reason: "not_found" | "forbidden" | "closed" };

/** How long after the door closes a device may still send the scans it queued offline. */
export const SYNC_AFTER_CLOSE_MS = 3 * 86_400_000;

export async function getScanSite(db: Db, user: SessionUser, siteId: number, now: Date = new Date(), purpose: "scan" | "sync" = "scan"): Promise<SiteAccess> {
  if (!can(user.role, "checkin:scan")) return { ok: false, reason: "forbidden" };
  const row = await siteForScan(db, siteId);
  if (!row) return { ok: false, reason: "not_found" };
  const site = { id: row.id, venue: row.venue, conferenceId: row.conferenceId, isMain: row.isMain };
  const conference = {
    id: row.conferenceId,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    status: row.status,
    graceMinutes: row.graceMinutes,
    bodyId: row.bodyId,
  };
  if (user.role === "admin") {
    // An admin scans at conferences of units in their scope (the root unit's admin: all, without a query).
    if (user.scopeUnitIds === "all") return { ok: true, site, conference, row };
    const owner = await firstRow(db.select({ unitId: conferences.unitId }).from(conferences).where(eq(conferences.id, conference.id)));
    return owner && adminCoversUnit(user, owner.unitId) ? { ok: true, site, conference, row } : { ok: false, reason: "forbidden" };
  }
  if (user.role === "organizer") {
    if (conference.bodyId === user.bodyId) return { ok: true, site, conference, row };
    const co = await firstRow(
      db
        .select()
        .from(conferenceCoBodies)
        .where(and(eq(conferenceCoBodies.conferenceId, conference.id), eq(conferenceCoBodies.bodyId, user.bodyId ?? -1))),
    );
    return co ? { ok: true, site, conference, row } : { ok: false, reason: "forbidden" };
  }
  if (!(await preparedFirst(scanStatements(db).staffAssignment, { siteId, userId: user.id }))) return { ok: false, reason: "forbidden" };
  const window = checkInWindow(conference);
  const closesAt = purpose === "sync" ? window.closesAt.getTime() + SYNC_AFTER_CLOSE_MS : window.closesAt.getTime();
  if (now < window.opensAt || now.getTime() > closesAt) return { ok: false, reason: "closed" };
  return { ok: true, site, conference, row };
}
