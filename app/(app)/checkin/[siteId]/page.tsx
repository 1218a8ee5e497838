import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ScannerClient } from "@/components/checkin/scanner-client";
import { whyText } from "@/components/checkin/door-schedule";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { doorHoursText } from "@/lib/checkin/door-hours-text";
import { siteDoorHours } from "@/lib/checkin/list-assignments";
import { getScanSite } from "@/lib/checkin/site-access";
import { can } from "@/lib/permissions";
import { parseId } from "@/lib/http/request-input";
import { formatRange } from "@/lib/time/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scan"))("title") };
}

export default async function ScannerPage({ params }: { params: Promise<{ siteId: string }> }) {
  const user = await requirePageUser("checkin:scan");
  const t = await getTranslations("scan");
  const tDoor = await getTranslations("door");
  const siteId = parseId((await params).siteId);
  const access = siteId ? await getScanSite(db, user, siteId) : ({ ok: false, reason: "not_found" } as const);
  if (!access.ok && access.reason === "not_found") notFound();
  // Allowed here (assigned, or an organiser or admin of the conference): the door's hours, and why it is closed if it is.
  const door = siteId && (access.ok || access.reason === "closed") ? await siteDoorHours(db, siteId) : null;
  if (!access.ok || (door && (door.phase === "cancelled" || door.phase === "draft"))) {
    return (
      <div className="card narrow stack-sm" data-testid="door-closed" data-phase={door?.phase ?? "forbidden"}>
        <h1>{door && door.phase !== "open" ? tDoor(`closedTitle.${door.phase}`) : t("refusedTitle")}</h1>
        {door && door.phase !== "open" ? (
          <>
            {door.phase !== "cancelled" ? <p className="door-hours">{doorHoursText(tDoor, door.opensAt, door.closesAt)}</p> : null}
            <p data-testid="door-why">{whyText(tDoor, door)}</p>
          </>
        ) : (
          <p>{t("notAssigned")}</p>
        )}
        <p className="row-actions">
          <Link className="button" href={user.role === "scanner" ? "/checkin" : "/"}>
            {user.role === "scanner" ? tDoor("allAssignments") : tDoor("backHome")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <ScannerClient
      siteId={access.site.id}
      conferenceId={access.conference.id}
      venue={access.site.venue}
      title={access.conference.title}
      time={formatRange(access.conference.startsAt, access.conference.endsAt)}
      scannerName={user.fullName}
      closedNotice={door && door.phase !== "open" ? tDoor("closedBanner", { hours: doorHoursText(tDoor, door.opensAt, door.closesAt) }) : null}
      canWalkIn={can(user.role, "checkin:walk-in")}
      canUndo={can(user.role, "checkin:undo")}
    />
  );
}
