import { getTranslations } from "next-intl/server";
import { attendanceRate, type Tally } from "@/lib/reports/attendance-rules";
import type { Split } from "@/lib/reports/report-views";
import { formatRate } from "@/lib/reports/format-rate";


/** The figures of a set of invitations, as big numbers (data-testid per figure for the tests). */
export async function TallyFigures({ tally }: { tally: Tally }) {
  const t = await getTranslations("reports");
  const items: [string, number | string, string?][] = [
    ["invited", tally.invited],
    ["present", tally.present, t("presentDetail", { onTime: tally.onTime, late: tally.late })],
    ["substitutes", tally.substitutes],
    ["walkIns", tally.walkIns],
    ["excused", tally.excused],
    ["unexcused", tally.unexcused],
    ["unknown", tally.unknown],
    ["rate", formatRate(attendanceRate(tally))],
  ];
  return (
    <dl className="figures">
      {items.map(([key, value, detail]) => (
        <div key={key} className={`figure figure-${key}`} data-testid={`figure-${key}`}>
          <dt>{t(`figure.${key}`)}</dt>
          <dd>
            <span className="figure-value">{value}</span>
            {detail ? <span className="figure-detail">{detail}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Party members / not, and each attendee category, in one table. */
export async function SplitTable({ split }: { split: Split }) {
  const t = await getTranslations();
  const rows: [string, Tally][] = [
    [t("reports.partyMembers"), split.member],
    [t("reports.nonMembers"), split.nonMember],
    ...Object.entries(split.categories)
      .filter(([, v]) => v.invited > 0)
      .map(([k, v]): [string, Tally] => [t.has(`categories.${k}`) ? t(`categories.${k}`) : k || t("reports.noCategory"), v]),
  ];
  return (
    <div className="table-scroll">
      <table className="table stack-on-phone" data-testid="split-table">
        <caption className="visually-hidden">{t("reports.splitCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.group")}</th>
            <th scope="col">{t("reports.figure.invited")}</th>
            <th scope="col">{t("reports.figure.present")}</th>
            <th scope="col">{t("reports.figure.late")}</th>
            <th scope="col">{t("reports.figure.excused")}</th>
            <th scope="col">{t("reports.figure.unexcused")}</th>
            <th scope="col">{t("reports.figure.rate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, v]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td data-label={t("reports.figure.invited")}>{v.invited}</td>
              <td data-label={t("reports.figure.present")}>{v.present}</td>
              <td data-label={t("reports.figure.late")}>{v.late}</td>
              <td data-label={t("reports.figure.excused")}>{v.excused}</td>
              <td data-label={t("reports.figure.unexcused")}>{v.unexcused}</td>
              <td data-label={t("reports.figure.rate")}>{formatRate(attendanceRate(v))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The definitions, short, on every report (the same words as lib/reports/attendance-rules.ts). */
export async function ReportLegend() {
  const t = await getTranslations("reports.legend");
  const keys = ["invited", "present", "late", "substitutes", "walkIns", "excused", "unexcused", "unknown", "rate", "cancelled"] as const;
  return (
    <details className="card report-legend">
      <summary>{t("title")}</summary>
      <dl>
        {keys.map((k) => (
          <div key={k}>
            <dt>{t(`${k}.term`)}</dt>
            <dd>{t(`${k}.text`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
