import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import type { listAssignments } from "@/lib/checkin/list-assignments";
import { formatRange } from "@/lib/time/format";

export async function DoorAssignments({ rows }: { rows: ReturnType<typeof listAssignments> }) {
  const t = await getTranslations();
  return (
    <section className="card" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t("home.assignmentsTitle")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("home.assignmentsNone")}</p>
      ) : (
        <>
          <ul className="item-list" data-testid="assignments">
            {rows.map((a) => (
              <li key={a.siteId}>
                <a className="item-title" href={`/scan/${a.siteId}`}>
                  {a.venue} — {a.title}
                </a>
                <div className="item-meta">
                  <span>{formatRange(a.startsAt, a.endsAt)}</span>
                  <span>{a.isMain ? t("home.mainSite") : t("home.bridgeSite")}</span>
                  <StatusBadge status={a.status} label={t(`conferenceStatus.${a.status}`)} />
                </div>
              </li>
            ))}
          </ul>
          <p className="muted">{t("home.assignmentsHint")}</p>
        </>
      )}
    </section>
  );
}
