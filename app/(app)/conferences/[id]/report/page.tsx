import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReportLegend, SplitTable, TallyFigures } from "@/components/reports/figures";
import { InviteeTable } from "@/components/reports/invitee-table";
import { LiveRefreshClient } from "@/components/reports/live-refresh-client";
import { ExportLinks } from "@/components/reports/report-filters";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { essayRate, INVITEE_STATUSES } from "@/lib/reports/attendance-rules";
import { formatRate } from "@/lib/reports/format-rate";
import { getConferenceReport } from "@/lib/reports/report-views";
import { parseId } from "@/lib/http/request-input";
import { parseReportFilter } from "@/lib/schemas/reports";
import { formatRange, formatTime } from "@/lib/time/format";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("conferenceTitle") };
}

export default async function ConferenceAttendancePage({ params, searchParams }: Props) {
  const user = await requirePageUser("report:read");
  const id = parseId((await params).id);
  const filter = parseReportFilter(await searchParams);
  const now = new Date();
  const report = id
    ? await getConferenceReport(db, user, id, { siteId: filter.site, status: filter.status as never, sort: filter.sort, page: filter.page }, now)
    : null;
  if (!report) notFound();
  const t = await getTranslations();
  const { conference } = report;
  const live = !report.figures.over && conference.startsAt.getTime() - 2 * 3_600_000 < now.getTime();
  const query = new URLSearchParams(
    Object.entries({ site: filter.site, status: filter.status, sort: filter.sort })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const sortHref = (sort: string) => `?${new URLSearchParams({ ...Object.fromEntries(query), sort })}`;
  const pageHref = (page: number) => `?${new URLSearchParams({ ...Object.fromEntries(query), page: String(page) })}`;
  const { lines: shown, total, page: pageNumber, pages } = report.invitees;
  return (
    <div className="stack">
      {live ? <LiveRefreshClient /> : null}
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link href={`/conferences/${conference.id}`}>{conference.title}</Link>
          </p>
          <h1>{t("reports.conferenceTitle")}</h1>
          <p className="muted">
            {formatRange(conference.startsAt, conference.endsAt)} · {conference.unitName} · {conference.bodyName}
          </p>
          {live ? (
            <p className="notice info small" role="status">
              {t("reports.liveNote", { time: formatTime(now) })}
            </p>
          ) : null}
        </div>
        <ExportLinks base={`/api/conferences/${conference.id}/report`} query={filter.site ? `site=${filter.site}` : ""}>
          <Link
            className="button"
            href={`/conferences/${conference.id}/essays`}
            data-testid="essays-link"
            title={t("essays.linkDetail", {
              submitted: report.figures.essays.submitted,
              present: report.figures.total.present,
              rate: formatRate(essayRate(report.figures.essays, report.figures.total)),
            })}
          >
            {t("essays.linkButton", { submitted: report.figures.essays.submitted, present: report.figures.total.present })}
          </Link>
        </ExportLinks>
      </div>

      <TallyFigures tally={report.figures.total} essays={report.figures.essays} />
      <ReportLegend />

      {report.siteFigures.length > 0 ? (
        <section className="card stack-sm" aria-labelledby="sites-title">
          <h2 id="sites-title">{t("reports.bySite")}</h2>
          <div className="table-scroll">
            <table className="table stack-on-phone" data-testid="site-table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.col.site")}</th>
                  <th scope="col">{t("reports.figure.invited")}</th>
                  <th scope="col">{t("reports.figure.present")}</th>
                  <th scope="col">{t("reports.figure.late")}</th>
                  <th scope="col">{t("reports.figure.walkIns")}</th>
                </tr>
              </thead>
              <tbody>
                {report.siteFigures.map(({ site, figures }) => (
                  <tr key={site.id}>
                    <th scope="row">
                      <Link href={`?site=${site.id}`}>{site.venue}</Link>
                    </th>
                    <td data-label={t("reports.figure.invited")}>{figures?.total.invited ?? 0}</td>
                    <td data-label={t("reports.figure.present")}>{figures?.total.present ?? 0}</td>
                    <td data-label={t("reports.figure.late")}>{figures?.total.late ?? 0}</td>
                    <td data-label={t("reports.figure.walkIns")}>{figures?.total.walkIns ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="card stack-sm" aria-labelledby="split-title">
        <h2 id="split-title">{t("reports.splitTitle")}</h2>
        <SplitTable split={report.split} />
      </section>

      <section className="stack-sm" aria-labelledby="invitees-title">
        <h2 id="invitees-title">{t("reports.inviteesTitle", { count: total })}</h2>
        <form className="filters" method="get" aria-label={t("reports.filtersLabel")}>
          {report.sites.length > 1 ? (
            <SelectField
              id="filter-site"
              name="site"
              label={t("reports.col.site")}
              allLabel={t("common.all")}
              defaultValue={filter.site}
              options={report.sites.map((s) => ({ value: s.id, label: s.venue }))}
            />
          ) : null}
          <SelectField
            id="filter-status"
            name="status"
            label={t("reports.col.status")}
            allLabel={t("common.all")}
            defaultValue={filter.status}
            options={INVITEE_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
          />
          {filter.sort ? <input type="hidden" name="sort" value={filter.sort} /> : null}
          <div className="filter-actions">
            <button className="button" type="submit">
              {t("common.filter")}
            </button>
            {filter.site || filter.status ? <Link href="?">{t("common.clearFilters")}</Link> : null}
          </div>
        </form>
        <InviteeTable lines={shown} sort={filter.sort} sortHref={sortHref} canRecord={report.canRecord} over={report.figures.over} />
        {pages > 1 ? (
          <nav className="pager" aria-label={t("reports.pages")}>
            {pageNumber > 1 ? <Link href={pageHref(pageNumber - 1)}>{t("people.previous")}</Link> : null}
            <span data-testid="invitee-page">{t("reports.pageOf", { page: pageNumber, pages })}</span>
            {pageNumber < pages ? <Link href={pageHref(pageNumber + 1)}>{t("people.next")}</Link> : null}
          </nav>
        ) : null}
      </section>

      {report.walkIns.length > 0 ? (
        <section className="card stack-sm" aria-labelledby="walkins-title">
          <h2 id="walkins-title">{t("reports.walkInsTitle", { count: report.walkIns.length })}</h2>
          <ul className="item-list">
            {report.walkIns.map((w) => (
              <li key={w.invitationId}>
                <strong>{w.name}</strong>{" "}
                <span className="muted small">{[w.position, w.workplace, w.siteVenue, formatTime(w.checkedInAt)].filter(Boolean).join(" · ")}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
