import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AbsenteeTable, GroupReportSections } from "@/components/reports/group-report";
import { ExportLinks, ReportFilters } from "@/components/reports/report-filters";
import { StatusBadge } from "@/components/ui/status-badge";
import { NoCampaignYet } from "@/components/reports/no-campaign-yet";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/permissions";
import { reportFilterOptions } from "@/lib/reports/filter-options";
import { getUnitReport } from "@/lib/reports/report-views";
import { mergeHistory } from "@/lib/units/list-units";
import { parseReportFilter } from "@/lib/schemas/reports";
import { hasCampaign } from "@/lib/setup/setup-progress";
import { formatDate } from "@/lib/time/format";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("unitTitle") };
}

export default async function UnitReportPage({ params, searchParams }: Props) {
  const user = await requirePageUser("report:read");
  const code = decodeURIComponent((await params).code);
  const filter = parseReportFilter(await searchParams);
  const report = /^[A-Za-z0-9_-]{1,20}$/.test(code)
    ? await getUnitReport(db, user, code, { campaignId: filter.campaign, from: filter.from, to: filter.to, bodyId: filter.body, category: filter.category })
    : null;
  if (!report && filter.campaign === undefined && !(await hasCampaign(db))) return <NoCampaignYet canCreate={can(user.role, "campaign:manage")} />;
  if (!report) notFound();
  const t = await getTranslations();
  const options = await reportFilterOptions(db, user);
  const query = new URLSearchParams(
    Object.entries({ campaign: report.campaign.id, from: filter.from, to: filter.to, body: filter.body, category: filter.category })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const requirementTitle = new Map(report.requirements.map((r) => [r.id, r.title]));
  const merges = await mergeHistory(db, user, report.unit);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="muted small">{report.campaign.title}</p>
          <h1>{t("reports.unitHeading", { unit: report.unit.name })}</h1>
          {merges.mergedFrom.length > 0 ? (
            <p className="muted" data-testid="merged-from">
              {t("reports.mergedFrom", { units: merges.mergedFrom.map((u) => u.name).join(", "), unit: report.unit.name })}
            </p>
          ) : null}
          {merges.mergedInto ? (
            <p className="notice" data-testid="merged-into">
              {t("reports.mergedInto", { unit: merges.mergedInto.name })}{" "}
              <Link href={`/reports/units/${encodeURIComponent(merges.mergedInto.code)}`}>{t("reports.mergedIntoLink", { unit: merges.mergedInto.name })}</Link>
            </p>
          ) : null}
        </div>
        <ExportLinks
          base={`/api/units/${encodeURIComponent(report.unit.code)}/report`}
          query={query}
          print={`/reports/print?${query}&unit=${encodeURIComponent(report.unit.code)}`}
        />
      </div>
      <ReportFilters
        action={`/reports/units/${encodeURIComponent(report.unit.code)}`}
        filter={filter}
        campaigns={options.campaigns}
        bodies={options.bodies.length > 1 ? options.bodies : undefined}
        categories={options.categories}
        keep={{}}
      />
      <GroupReportSections
        figures={report.figures}
        split={report.split}
        needsMakeUp={report.needsMakeUp}
        before={
          report.progress ? (
            <section className="card stack-sm" aria-labelledby="progress-title">
              <h2 id="progress-title">{t("reports.progressTitle")}</h2>
              <ul className="item-list" data-testid="unit-progress">
                {report.progress.cells.map((cell) => (
                  <li key={cell.requirementId} className="feed-row">
                    <span>{requirementTitle.get(cell.requirementId)}</span>
                    <span className="cell-state">
                      <StatusBadge status={cell.status} label={t(`cellStatus.${cell.status}`)} />
                      {cell.startsAt ? <span className="muted small">{formatDate(cell.startsAt)}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null
        }
      />
      <section className="stack-sm" aria-labelledby="absent-title">
        <h2 id="absent-title">{t("reports.absenteesTitle", { count: report.absentees.length })}</h2>
        <AbsenteeTable lines={report.absentees} testId="absentees" />
      </section>
    </div>
  );
}
