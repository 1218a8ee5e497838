import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CampaignState } from "@/components/home/campaign-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { CELL_STATUSES, type Board } from "@/lib/board/get-board";
import { formatRatio } from "@/lib/reports/format-rate";
import { formatDate, formatDateKey } from "@/lib/time/format";
import { daysUntil } from "@/lib/time/zone";

/**
 * The campaign at a glance. Province-wide users see the totals and the gaps;
 * a district user sees every required conference of their own unit.
 */
/** The cell's state, and the conference's own status where it tells more (overdue · cancelled). */
async function CellState({ status, conferenceStatus }: { status: string; conferenceStatus: string | null }) {
  const t = await getTranslations();
  const more =
    conferenceStatus && conferenceStatus !== "held" && status !== conferenceStatus && !(status === "scheduled" && conferenceStatus === "in_progress");
  return (
    <span className="cell-state">
      <StatusBadge status={status} label={t(`cellStatus.${status}`)} />
      {more ? <span className="muted small">{t(`conferenceStatus.${conferenceStatus}`)}</span> : null}
    </span>
  );
}

export async function CampaignProgress({ progress, wide, now }: { progress: Board; wide: boolean; now: Date }) {
  const t = await getTranslations();
  const { campaign, requirements, rows, totals } = progress;
  const days = daysUntil(campaign.deadline, now);
  const requirementTitle = new Map(requirements.map((r) => [r.id, r.title]));
  const percent = totals.required === 0 ? 0 : (totals.held / totals.required) * 100;
  const gaps = rows.flatMap((row) => row.cells.filter((c) => c.status !== "held").map((cell) => ({ unit: row.unit, cell })));

  return (
    <section className="card" aria-labelledby="campaign-title">
      <h2 id="campaign-title">{t("home.campaignTitle")}</h2>
      <p className="campaign-name">{campaign.title}</p>
      <p className="muted" data-testid="campaign-deadline">
        {t("home.deadline", { date: formatDateKey(campaign.deadline) })} · <CampaignState progress={progress} days={days} />
      </p>
      <div className="progress" role="img" aria-label={t("home.requiredHeld", { held: totals.held, required: totals.required })}>
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-label" data-testid="campaign-progress">
        {t("home.requiredHeld", { held: totals.held, required: totals.required })} ({formatRatio(totals.held, totals.required)})
      </p>
      <ul className="chips">
        {CELL_STATUSES.filter((s) => totals[s] > 0).map((s) => (
          <li key={s}>
            <StatusBadge status={s} label={`${t(`cellStatus.${s}`)}: ${totals[s]}`} />
          </li>
        ))}
      </ul>

      {wide ? (
        <>
          <h3>{t("home.gapsTitle")}</h3>
          {gaps.length === 0 ? (
            <p className="muted">{t("home.gapsNone")}</p>
          ) : (
            <table className="table stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t("home.unit")}</th>
                  <th scope="col">{t("home.requirement")}</th>
                  <th scope="col">{t("home.state")}</th>
                  <th scope="col">{t("home.date")}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.map(({ unit, cell }) => (
                  <tr key={`${unit.id}-${cell.requirementId}`}>
                    <td data-label={t("home.unit")}>{unit.name}</td>
                    <td data-label={t("home.requirement")}>
                      {cell.conferenceId ? (
                        <Link href={`/conferences/${cell.conferenceId}`}>{requirementTitle.get(cell.requirementId)}</Link>
                      ) : (
                        requirementTitle.get(cell.requirementId)
                      )}
                    </td>
                    <td data-label={t("home.state")}>
                      <CellState status={cell.status} conferenceStatus={cell.conferenceStatus} />
                    </td>
                    <td data-label={t("home.date")}>{cell.startsAt ? formatDate(cell.startsAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        rows.map((row) => (
          <div key={row.unit.id}>
            <h3>{t("home.unitRowsTitle", { unit: row.unit.name })}</h3>
            <table className="table stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t("home.requirement")}</th>
                  <th scope="col">{t("home.date")}</th>
                  <th scope="col">{t("home.state")}</th>
                </tr>
              </thead>
              <tbody>
                {row.cells.map((cell) => (
                  <tr key={cell.requirementId}>
                    <td data-label={t("home.requirement")}>
                      {cell.conferenceId ? (
                        <Link href={`/conferences/${cell.conferenceId}`}>{requirementTitle.get(cell.requirementId)}</Link>
                      ) : (
                        requirementTitle.get(cell.requirementId)
                      )}
                    </td>
                    <td data-label={t("home.date")}>{cell.startsAt ? formatDate(cell.startsAt) : "—"}</td>
                    <td data-label={t("home.state")}>
                      <CellState status={cell.status} conferenceStatus={cell.conferenceStatus} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </section>
  );
}
