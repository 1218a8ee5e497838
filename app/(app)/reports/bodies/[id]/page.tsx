import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { GroupReportSections } from "@/components/reports/group-report";
import { ReportFilters } from "@/components/reports/report-filters";
import { NoCampaignYet } from "@/components/reports/no-campaign-yet";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/permissions";
import { reportFilterOptions } from "@/lib/reports/filter-options";
import { getBodyReport } from "@/lib/reports/report-views";
import { parseId } from "@/lib/http/request-input";
import { parseReportFilter } from "@/lib/schemas/reports";
import { hasCampaign } from "@/lib/setup/setup-progress";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("bodyTitle") };
}

export default async function BodyReportPage({ params, searchParams }: Props) {
  const user = await requirePageUser("report:read");
  const id = parseId((await params).id);
  const filter = parseReportFilter(await searchParams);
  const report = id ? await getBodyReport(db, user, id, { campaignId: filter.campaign, from: filter.from, to: filter.to, category: filter.category }) : null;
  if (!report && filter.campaign === undefined && !(await hasCampaign(db))) return <NoCampaignYet canCreate={can(user.role, "campaign:manage")} />;
  if (!report) notFound();
  const t = await getTranslations();
  const options = await reportFilterOptions(db, user);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="muted small">{report.campaign.title}</p>
          <h1>{t("reports.bodyHeading", { body: report.body.name })}</h1>
          <p className="muted">{report.body.unitName}</p>
        </div>
      </div>
      <ReportFilters action={`/reports/bodies/${report.body.id}`} filter={filter} campaigns={options.campaigns} categories={options.categories} />
      <GroupReportSections figures={report.figures} split={report.split} needsMakeUp={report.needsMakeUp} />
    </div>
  );
}
