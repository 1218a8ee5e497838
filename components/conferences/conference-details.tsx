import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ConferenceDetail } from "@/lib/conferences/get-conference";
import { formatRate } from "@/lib/reports/format-rate";
import { formatRange } from "@/lib/time/format";

export async function ConferenceDetails({
  conference: c,
  actions,
  saved,
  canScan,
  canReport,
  listHref = "/conferences",
}: {
  conference: ConferenceDetail;
  actions: React.ReactNode;
  saved: boolean;
  canScan: boolean;
  canReport: boolean;
  /** Back to the list with the filters it was opened from. */
  listHref?: string;
}) {
  const t = await getTranslations();
  return (
    <div className="stack">
      <p>
        <Link href={listHref}>← {t("conferences.backToList")}</Link>
      </p>
      <div className="page-head">
        <h1>{c.title}</h1>
        <StatusBadge status={c.currentStatus} label={t(`conferenceStatus.${c.currentStatus}`)} />
      </div>
      {saved ? (
        <p className="notice success" role="status">
          {t("conferences.saved")}
        </p>
      ) : null}
      {actions}
      <p className="row-actions">
        <Link className="button" href={`/conferences/${c.id}/invitations`}>
          {t("invitations.manage", { count: c.totals.invited })}
        </Link>
        {canReport ? (
          <Link className="button" href={`/conferences/${c.id}/report`}>
            {t("reports.conferenceTitle")}
          </Link>
        ) : null}
        <Link className="button" href={`/conferences/${c.id}/live`}>
          {t("conferences.liveCounter")}
        </Link>
      </p>

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("conferences.details")}</h2>
        <dl className="details">
          <dt>{t("conferences.time")}</dt>
          <dd data-testid="conference-time">{formatRange(c.startsAt, c.endsAt)}</dd>
          <dt>{t("conferences.unit")}</dt>
          <dd>{c.unitName}</dd>
          <dt>{t("conferences.body")}</dt>
          <dd>{c.bodyName}</dd>
          {c.coBodies.length > 0 ? (
            <>
              <dt>{t("conferences.coBodies")}</dt>
              <dd>{c.coBodies.map((b) => b.name).join("; ")}</dd>
            </>
          ) : null}
          <dt>{t("conferences.campaign")}</dt>
          <dd>{c.campaignTitle}</dd>
          <dt>{t("conferences.requirement")}</dt>
          <dd>{c.requirementTitle ?? t("conferences.noRequirement")}</dd>
          {c.chair ? (
            <>
              <dt>{t("conferences.chair")}</dt>
              <dd>{c.chair}</dd>
            </>
          ) : null}
          {c.audience ? (
            <>
              <dt>{t("conferences.audience")}</dt>
              <dd>{c.audience}</dd>
            </>
          ) : null}
          <dt>{t("conferences.grace")}</dt>
          <dd>{t("conferences.graceMinutes", { minutes: c.graceMinutes })}</dd>
          {c.cancelReason ? (
            <>
              <dt>{t("conferences.cancelReason")}</dt>
              <dd>{c.cancelReason}</dd>
            </>
          ) : null}
          {c.agenda ? (
            <>
              <dt>{t("conferences.agenda")}</dt>
              <dd className="pre-line">{c.agenda}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="sites-title">
        <h2 id="sites-title">
          {t("conferences.sites")} ({c.sites.length})
        </h2>
        {c.partial ? (
          <p className="muted" data-testid="partial-note">
            {t("conferences.partialView")}
          </p>
        ) : null}
        <table className="table stack-on-phone" data-testid="site-table">
          <thead>
            <tr>
              <th scope="col">{t("conferences.site")}</th>
              <th scope="col">{t("conferences.siteKind")}</th>
              <th scope="col" className="num">
                {t("conferences.capacity")}
              </th>
              <th scope="col" className="num">
                {t("conferences.invited")}
              </th>
              <th scope="col" className="num">
                {t("conferences.present")}
              </th>
              <th scope="col" className="num">
                {t("conferences.late")}
              </th>
              <th scope="col" className="num">
                {t("reports.figure.rate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.sites.map((s) => (
              <tr key={s.id}>
                <td data-label={t("conferences.site")}>
                  {s.venue}
                  {s.address ? <div className="muted small">{s.address}</div> : null}
                  {canScan && c.status !== "cancelled" ? (
                    <div className="small">
                      <Link href={`/checkin/${s.id}`}>{t("conferences.openScanner")}</Link>
                    </div>
                  ) : null}
                </td>
                <td data-label={t("conferences.siteKind")}>{s.isMain ? t("home.mainSite") : t("home.bridgeSite")}</td>
                <td data-label={t("conferences.capacity")} className="num">
                  {s.capacity ?? "—"}
                </td>
                <td data-label={t("conferences.invited")} className="num">
                  {s.invited}
                </td>
                <td data-label={t("conferences.present")} className="num">
                  {s.present}
                </td>
                <td data-label={t("conferences.late")} className="num">
                  {s.late}
                </td>
                <td data-label={t("reports.figure.rate")} className="num">
                  {formatRate(s.rate)}
                </td>
              </tr>
            ))}
          </tbody>
          {c.sites.length > 1 ? (
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t("conferences.total")}
                </th>
                <td data-label={t("conferences.invited")} className="num">
                  {c.totals.invited}
                </td>
                <td data-label={t("conferences.present")} className="num">
                  {c.totals.present}
                </td>
                <td data-label={t("conferences.late")} className="num">
                  {c.totals.late}
                </td>
                <td data-label={t("reports.figure.rate")} className="num">
                  {formatRate(c.totals.rate)}
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </section>
    </div>
  );
}
