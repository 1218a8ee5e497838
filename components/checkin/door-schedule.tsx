import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Assignment } from "@/lib/checkin/list-assignments";
import { doorHoursText } from "@/lib/checkin/door-hours-text";
import { closeAfterMinutes, openBeforeMinutes } from "@/lib/checkin/window";
import { formatDate, formatRange, formatTime } from "@/lib/time/format";

/**
 * A door cadre's assignments with their door hours, where each door stands now and why it is
 * closed: the home page and /checkin. `rows` come sorted by listAssignments (open, then
 * next, then over); the first one not yet open is marked "Tiếp theo".
 */
export async function DoorSchedule({ rows, title, headingLevel = 2 }: { rows: Assignment[]; title?: string; headingLevel?: 2 | 3 }) {
  const t = await getTranslations("door");
  const tHome = await getTranslations("home");
  const next = rows.find((r) => r.phase === "not_yet");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="card" aria-labelledby="door-schedule-title" data-testid="door-schedule">
      <Heading id="door-schedule-title">{title ?? t("assignmentsTitle")}</Heading>
      {rows.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className="item-list" data-testid="assignments">
          {rows.map((a) => (
            <li key={a.siteId} data-phase={a.phase} data-site={a.siteId}>
              <div className="door-row-head">
                {a.phase === "open" ? (
                  <Link className="item-title" href={`/checkin/${a.siteId}`}>
                    {a.venue}
                  </Link>
                ) : (
                  <span className="item-title">{a.venue}</span>
                )}
                <span className={`badge door-phase door-phase-${a.phase}`}>{t(`phase.${a.phase}`)}</span>
                {a === next ? <span className="badge door-next">{t("next")}</span> : null}
              </div>
              <p className="door-row-title">{a.title}</p>
              <div className="item-meta">
                <span>{a.isMain ? tHome("mainSite") : tHome("bridgeSite")}</span>
                <span>{a.unitName}</span>
                <span>{t("conference", { start: formatRange(a.startsAt, a.endsAt) })}</span>
              </div>
              {a.phase !== "cancelled" ? (
                <p className="door-hours" data-testid="door-hours">
                  {doorHoursText(t, a.opensAt, a.closesAt)}
                </p>
              ) : null}
              <p className={`door-why door-why-${a.phase}`} data-testid="door-why">
                {whyText(t, a)}
              </p>
              {a.phase === "open" || a.phase === "over" ? (
                <p className="row-actions">
                  {a.phase === "open" ? (
                    <Link className="button small primary" href={`/checkin/${a.siteId}`}>
                      {t("openScanner")}
                    </Link>
                  ) : null}
                  <Link className="button small" href={`/conferences/${a.conferenceId}/live?site=${a.siteId}`}>
                    {t("openLive")}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t("hint", { before: openBeforeMinutes(), after: closeAfterMinutes() })}</p>
    </section>
  );
}

type Why = Pick<Assignment, "phase" | "opensAt" | "closesAt" | "cancelReason">;

/** Why the door is as it is, in one sentence. */
export function whyText(t: Awaited<ReturnType<typeof getTranslations<"door">>>, a: Why): string {
  switch (a.phase) {
    case "open":
      return t("why.open", { time: formatTime(a.closesAt), date: formatDate(a.closesAt) });
    case "not_yet":
      return t("why.not_yet", { time: formatTime(a.opensAt), date: formatDate(a.opensAt), minutes: openBeforeMinutes() });
    case "over":
      return t("why.over", { time: formatTime(a.closesAt), date: formatDate(a.closesAt), minutes: closeAfterMinutes() });
    case "cancelled":
      return a.cancelReason ? t("why.cancelledBecause", { reason: a.cancelReason }) : t("why.cancelled");
    default:
      return t("why.draft");
  }
}
