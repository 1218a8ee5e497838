import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ConferenceFigures } from "@/lib/reports/conference-figures";
import type { AbsenteeLine } from "@/lib/reports/invitee-lines";
import type { Split } from "@/lib/reports/report-views";
import { attendanceRate, essayRate, sumEssays } from "@/lib/reports/attendance-rules";
import { formatDate } from "@/lib/time/format";
import { formatRate } from "@/lib/reports/format-rate";
import { ReportLegend, SplitTable, TallyFigures } from "./figures";

/** The conferences of a unit or a body, one line each with its figures. */
export async function ConferenceFiguresTable({ figures }: { figures: ConferenceFigures[] }) {
  const t = await getTranslations();
  if (figures.length === 0) return <p className="muted">{t("reports.noConferences")}</p>;
  return (
    <div className="table-scroll">
      <table className="table stack-on-phone" data-testid="conference-figures">
        <thead>
          <tr>
            <th scope="col">{t("reports.col.conference")}</th>
            <th scope="col">{t("reports.col.date")}</th>
            <th scope="col">{t("reports.figure.invited")}</th>
            <th scope="col">{t("reports.figure.present")}</th>
            <th scope="col">{t("reports.figure.late")}</th>
            <th scope="col">{t("reports.figure.excused")}</th>
            <th scope="col">{t("reports.figure.unexcused")}</th>
            <th scope="col">{t("reports.figure.unknown")}</th>
            <th scope="col">{t("reports.figure.rate")}</th>
            <th scope="col">{t("essays.report.col")}</th>
            <th scope="col">{t("essays.report.rateCol")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map(({ conference, total, essays }) => (
            <tr key={conference.id}>
              <th scope="row">
                <Link href={`/conferences/${conference.id}/report`}>{conference.title}</Link>
                <span className="muted small block">{conference.bodyName}</span>
              </th>
              <td data-label={t("reports.col.date")}>{formatDate(conference.startsAt)}</td>
              <td data-label={t("reports.figure.invited")}>{total.invited}</td>
              <td data-label={t("reports.figure.present")}>{total.present}</td>
              <td data-label={t("reports.figure.late")}>{total.late}</td>
              <td data-label={t("reports.figure.excused")}>{total.excused}</td>
              <td data-label={t("reports.figure.unexcused")}>{total.unexcused}</td>
              <td data-label={t("reports.figure.unknown")}>{total.unknown}</td>
              <td data-label={t("reports.figure.rate")}>{formatRate(attendanceRate(total))}</td>
              <td data-label={t("essays.report.col")}>{essays.submitted}</td>
              <td data-label={t("essays.report.rateCol")}>{formatRate(essayRate(essays, total))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Absentees across the conferences, with reasons and make-up sessions. */
export async function AbsenteeTable({ lines, testId }: { lines: AbsenteeLine[]; testId: string }) {
  const t = await getTranslations();
  if (lines.length === 0) return <p className="muted">{t("reports.noneAbsent")}</p>;
  return (
    <div className="table-scroll">
      <table className="table stack-on-phone" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("reports.col.name")}</th>
            <th scope="col">{t("reports.col.conference")}</th>
            <th scope="col">{t("reports.col.status")}</th>
            <th scope="col">{t("reports.col.reason")}</th>
            <th scope="col">{t("reports.col.makeUp")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((a) => (
            <tr key={a.invitationId}>
              <td data-label={t("reports.col.name")}>
                <strong>{a.name}</strong>
                <span className="muted small block">{[a.position, a.workplace].filter(Boolean).join(", ")}</span>
              </td>
              <td data-label={t("reports.col.conference")}>
                <Link href={`/conferences/${a.conferenceId}/report`}>{a.conferenceTitle}</Link>
                <span className="muted small block">{formatDate(a.conferenceStartsAt)}</span>
              </td>
              <td data-label={t("reports.col.status")}>{t(`reports.status.${a.status}`)}</td>
              <td data-label={t("reports.col.reason")}>
                {a.absenceReason ? t(`reports.reasons.${a.absenceReason}`) : "—"}
                {a.absenceNote ? <span className="muted small block">{a.absenceNote}</span> : null}
              </td>
              <td data-label={t("reports.col.makeUp")}>{a.makeUpAttendedAt ? formatDate(a.makeUpAttendedAt) : t("reports.makeUpNeeded")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The body of a unit's or a body's report: figures, legend, its conferences, the split, who needs a make-up session. */
export async function GroupReportSections({
  figures,
  split,
  needsMakeUp,
  before,
}: {
  figures: ConferenceFigures[];
  split: Split;
  needsMakeUp: AbsenteeLine[];
  before?: React.ReactNode;
}) {
  const t = await getTranslations();
  return (
    <>
      <TallyFigures tally={split.total} essays={sumEssays(figures.map((f) => f.essays))} />
      <ReportLegend />
      {before}
      <section className="stack-sm" aria-labelledby="conferences-title">
        <h2 id="conferences-title">{t("reports.conferencesTitle")}</h2>
        <ConferenceFiguresTable figures={figures} />
      </section>
      <section className="card stack-sm" aria-labelledby="split-title">
        <h2 id="split-title">{t("reports.splitTitle")}</h2>
        <SplitTable split={split} />
      </section>
      <section className="stack-sm" aria-labelledby="makeup-title">
        <h2 id="makeup-title">{t("reports.needsMakeUpTitle", { count: needsMakeUp.length })}</h2>
        <AbsenteeTable lines={needsMakeUp} testId="needs-make-up" />
      </section>
    </>
  );
}
