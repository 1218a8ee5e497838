import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReportLegend, SplitTable, TallyFigures } from "@/components/reports/figures";
import { formatRate } from "@/lib/reports/format-rate";
import { essayRate } from "@/lib/reports/attendance-rules";
import { HeatMap } from "@/components/reports/heat-map";
import { NoCampaignYet } from "@/components/reports/no-campaign-yet";
import { RateChart } from "@/components/reports/rate-chart";
import { ExportLinks, ReportFilters } from "@/components/reports/report-filters";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getKindLabels } from "@/lib/organisation/get-kind-labels";
import { can } from "@/lib/permissions";
import { reportFilterOptions } from "@/lib/reports/filter-options";
import { getCampaignReport, readableUnit } from "@/lib/reports/report-views";
import { parseReportFilter } from "@/lib/schemas/reports";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The charts stay readable: at most this many units, the furthest behind (the table has them all). */
const CHART_UNITS = 40;
const HEAT_UNITS = 60;
/** At national scale (700 units) the table shows the furthest behind first, the rest on request and in the exports. */
const TABLE_UNITS = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("campaignTitle") };
}

/**
 * The campaign's attendance for province staff. A district viewer opens their
 * unit's report, an organiser their body's: that is what they report on.
 */
export default async function CampaignReportPage({ searchParams }: Props) {
  const user = await requirePageUser("report:read");
  const filter = parseReportFilter(await searchParams);
  if (user.role === "organizer" && user.bodyId) redirect(`/reports/bodies/${user.bodyId}`);
  if (user.scopeUnitIds !== "all") {
    const own = await db.query.units.findFirst({ where: (u, { eq }) => eq(u.id, user.unitId) });
    if (own) redirect(`/reports/units/${encodeURIComponent(own.code)}`);
  }
  const unit = filter.unit ? await readableUnit(db, user, filter.unit) : null;
  const report = await getCampaignReport(db, user, {
    campaignId: filter.campaign,
    from: filter.from,
    to: filter.to,
    unitId: unit?.id,
    bodyId: filter.body,
    category: filter.category,
  });
  const t = await getTranslations();
  if (!report && filter.campaign === undefined) return <NoCampaignYet canCreate={can(user.role, "campaign:manage")} />;
  if (!report) notFound();
  const options = await reportFilterOptions(db, user);
  const kinds = await getKindLabels();
  const query = new URLSearchParams(
    Object.entries({ campaign: report.campaign.id, from: filter.from, to: filter.to, unit: filter.unit, body: filter.body, category: filter.category })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const columns = report.columns.map((c) => ({ kind: c.key, label: !c.second ? kinds.body(c.bodyKind) : c.title }));
  const cellOf = (row: (typeof report.rows)[number], key: string) => row.cells.find((c) => c.column === key);
  const chartRows = [...report.rows].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2)).slice(0, CHART_UNITS);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="muted small">{report.campaign.resolution}</p>
          <h1>{t("reports.campaignHeading", { campaign: report.campaign.title })}</h1>
          <p className="muted">{t("reports.conferenceCount", { count: report.conferenceCount, units: report.rows.length })}</p>
        </div>
        <ExportLinks base={`/api/campaigns/${report.campaign.id}/report`} query={query} print={`/reports/print?${query}`} />
      </div>
      <ReportFilters
        action="/reports"
        filter={filter}
        campaigns={options.campaigns}
        units={options.units}
        bodies={unit ? options.bodies.filter((b) => b.unitId === unit.id) : undefined}
        categories={options.categories}
      />
      <TallyFigures tally={report.split.total} essays={report.essays} />
      <ReportLegend />

      <section className="card stack-sm" aria-labelledby="chart-title">
        <h2 id="chart-title">{t("reports.chartTitle")}</h2>
        {report.rows.length > CHART_UNITS ? <p className="muted small">{t("reports.chartLimited", { count: CHART_UNITS })}</p> : null}
        <RateChart bars={chartRows.map((r) => ({ label: r.unit.name, rate: r.rate }))} title={t("reports.chartTitle")} targetLabel={t("reports.target")} />
      </section>

      <section className="card stack-sm" aria-labelledby="heat-title">
        <h2 id="heat-title">{t("reports.heatTitle")}</h2>
        {report.rows.length > HEAT_UNITS ? <p className="muted small">{t("reports.heatLimited", { count: HEAT_UNITS })}</p> : null}
        <HeatMap
          columns={columns.map((c) => ({ label: c.label }))}
          rows={report.rows.slice(0, HEAT_UNITS).map((row) => ({
            label: row.unit.name,
            rates: columns.map((c) => cellOf(row, c.kind)?.rate ?? null),
            applies: columns.map((c) => Boolean(cellOf(row, c.kind))),
          }))}
          title={t("reports.heatTitle")}
          missingLabel={t("reports.missing")}
          keyLabel={t("polish.reports.heatKey")}
        />
      </section>

      <section className="stack-sm" aria-labelledby="units-title">
        <h2 id="units-title">{t("reports.unitsTitle")}</h2>
        <div className="table-scroll">
          <table className="table stack-on-phone" data-testid="unit-rows">
            <thead>
              <tr>
                <th scope="col">{t("reports.col.unit")}</th>
                {columns.map((c) => (
                  <th key={c.kind} scope="col">
                    {c.label}
                  </th>
                ))}
                <th scope="col">{t("reports.figure.invited")}</th>
                <th scope="col">{t("reports.figure.present")}</th>
                <th scope="col">{t("reports.figure.rate")}</th>
                <th scope="col">{t("essays.report.col")}</th>
                <th scope="col">{t("essays.report.rateCol")}</th>
              </tr>
            </thead>
            <tbody>
              {(filter.all ? report.rows : report.rows.slice(0, TABLE_UNITS)).map((row) => (
                <tr key={row.unit.id}>
                  <th scope="row">
                    <Link href={`/reports/units/${encodeURIComponent(row.unit.code)}?campaign=${report.campaign.id}`}>{row.unit.name}</Link>
                  </th>
                  {columns.map((c) => {
                    const cell = cellOf(row, c.kind);
                    return (
                      <td key={c.kind} data-label={c.label} className={cell ? undefined : "not-required"}>
                        {!cell ? (
                          ""
                        ) : cell.conferenceId ? (
                          <Link href={`/conferences/${cell.conferenceId}/report`}>{formatRate(cell.rate)}</Link>
                        ) : (
                          <span className="text-danger">{t("reports.missing")}</span>
                        )}
                      </td>
                    );
                  })}
                  <td data-label={t("reports.figure.invited")}>{row.total.invited}</td>
                  <td data-label={t("reports.figure.present")}>{row.total.present}</td>
                  <td data-label={t("reports.figure.rate")}>{formatRate(row.rate)}</td>
                  <td data-label={t("essays.report.col")}>{row.essays.submitted}</td>
                  <td data-label={t("essays.report.rateCol")}>{formatRate(essayRate(row.essays, row.total))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!filter.all && report.rows.length > TABLE_UNITS ? (
          <p>
            <Link href={`/reports?${query}&all=1`}>{t("reports.showAllUnits", { count: report.rows.length })}</Link>
          </p>
        ) : null}
      </section>
      <section className="card stack-sm" aria-labelledby="split-title">
        <h2 id="split-title">{t("reports.splitTitle")}</h2>
        <SplitTable split={report.split} />
      </section>
    </div>
  );
}
