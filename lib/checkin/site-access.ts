/**
 * Who may scan at a site: door staff assigned to it, while the door is open;
 * an admin, or an organiser of the organising or a co-organising body, at any time.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conferenceCoBodies, conferences, sites, siteStaff } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { checkInWindow } from "./window";

export type SiteAccess =
  | { ok: true; site: { id: number; venue: string; conferenceId: number; isMain: boolean }; conference: typeof conferences.$inferSelect }
  | { ok: false; reason: "not_found" | "forbidden" | "closed" };

export function getScanSite(db: Db, user: SessionUser, siteId: number, now: Date = new Date()): SiteAccess {
  if (!can(user.role, "checkin:scan")) return { ok: false, reason: "forbidden" };
  const row = db.select().from(sites).innerJoin(conferences, eq(conferences.id, sites.conferenceId)).where(eq(sites.id, siteId)).get();
  if (!row) return { ok: false, reason: "not_found" };
  const site = { id: row.sites.id, venue: row.sites.venue, conferenceId: row.sites.conferenceId, isMain: row.sites.isMain };
  const conference = row.conferences;
  if (user.role === "admin") return { ok: true, site, conference };
  if (user.role === "organizer") {
    if (conference.bodyId === user.bodyId) return { ok: true, site, conference };
    const co = db
      .select()
      .from(conferenceCoBodies)
      .where(and(eq(conferenceCoBodies.conferenceId, conference.id), eq(conferenceCoBodies.bodyId, user.bodyId ?? -1)))
      .get();
    return co ? { ok: true, site, conference } : { ok: false, reason: "forbidden" };
  }
  const assigned = db.select().from(siteStaff).where(and(eq(siteStaff.siteId, siteId), eq(siteStaff.userId, user.id))).get();
  if (!assigned) return { ok: false, reason: "forbidden" };
  const window = checkInWindow(conference);
  if (now < window.opensAt || now > window.closesAt) return { ok: false, reason: "closed" };
  return { ok: true, site, conference };
}
