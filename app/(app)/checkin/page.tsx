import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DoorSchedule } from "@/components/checkin/door-schedule";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listAssignments } from "@/lib/checkin/list-assignments";
import { listScanSites } from "@/lib/checkin/site-roster";
import { formatDate, formatRange, formatTime } from "@/lib/time/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scan"))("title") };
}

export default async function ScanSitesPage() {
  const user = await requirePageUser("checkin:scan");
  const t = await getTranslations();
  if (user.role === "scanner") return <DoorStaffSites userId={user.id} />;
  const rows = await listScanSites(db, user);
  return (
    <div className="stack narrow-page">
      <h1>{t("scan.title")}</h1>
      {rows.length === 0 ? <p className="muted">{t("scan.none")}</p> : <OpenSites rows={rows} mainSite={t("home.mainSite")} />}
    </div>
  );
}

/**
 * Door staff: the sites open now, and when none is, what is next; then every assignment with
 * its door hours and why it is closed (docs/decisions/0025).
 */
async function DoorStaffSites({ userId }: { userId: number }) {
  const t = await getTranslations();
  const rows = await listAssignments(db, userId);
  const open = rows.filter((r) => r.phase === "open");
  const next = rows.find((r) => r.phase === "not_yet");
  return (
    <div className="stack narrow-page">
      <h1>{t("scan.title")}</h1>
      {open.length > 0 ? (
        <OpenSites rows={open} mainSite={t("home.mainSite")} />
      ) : (
        <div className="card stack-sm" data-testid="scan-none-open">
          <p>{t("door.noneOpen")}</p>
          {next ? <p>{t("door.nextOpens", { venue: next.venue, time: formatTime(next.opensAt), date: formatDate(next.opensAt) })}</p> : null}
        </div>
      )}
      <DoorSchedule rows={rows} title={open.length > 0 ? t("door.assignmentsTitle") : undefined} />
    </div>
  );
}

/** The sites whose door is open now, each a link to its door page. */
function OpenSites({
  rows,
  mainSite,
}: {
  rows: { siteId: number; venue: string; isMain: boolean; title: string; startsAt: Date; endsAt: Date }[];
  mainSite: string;
}) {
  return (
    <ul className="item-list card" data-testid="scan-sites">
      {rows.map((r) => (
        <li key={r.siteId}>
          <Link className="item-title" href={`/checkin/${r.siteId}`}>
            {r.venue} {r.isMain ? `(${mainSite})` : ""}
          </Link>
          <div className="item-meta">
            <span>{r.title}</span>
            <span>{formatRange(r.startsAt, r.endsAt)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
