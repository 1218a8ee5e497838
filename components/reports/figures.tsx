import { getTranslations } from "next-intl/server";
import { attendanceRate, essayRate, type EssayCounts, type Tally } from "@/lib/reports/attendance-rules";
import type { Split } from "@/lib/reports/report-views";
import { formatRate } from "@/lib/reports/format-rate";

/**
 * The figures of a set of invitations, as big numbers (data-testid per figure for the tests);
 * with `essays`, the reflection essays handed in and their rate over those present.
 */
export async function TallyFigures({ tally, essays }: { tally: Tally; essays?: EssayCounts }) {
  const t = await getTranslations("reports");
  const e = await getTranslations("essays.report");
  const items: [string, number | string, string, string?][] = [
    ["invited", tally.invited, t("figure.invited")],
    ["present", tally.present, t("figure.present"), t("presentDetail", { onTime: tally.onTime, late: tally.late })],
    ["substitutes", tally.substitutes, t("figure.substitutes")],
    ["walkIns", tally.walkIns, t("figure.walkIns")],
    ["excused", tally.excused, t("figure.excused")],
    ["unexcused", tally.unexcused, t("figure.unexcused")],
    ["unknown", tally.unknown, t("figure.unknown")],
    ["rate", formatRate(attendanceRate(tally)), t("figure.rate")],
  ];
  if (essays) {
    const detail = [
      e("figureDetail", { rate: formatRate(essayRate(essays, tally)), present: tally.present }),
      essays.walkIns > 0 ? e("walkInDetail", { count: essays.walkIns }) : "",
    ]
      .filter(Boolean)
      .join(", ");
    items.push(["essays", essays.submitted, e("figure"), detail]);
  }
  return (
    <dl className="figures">
      {items.map(([key, value, label, detail]) => (
        <div key={key} className={`figure figure-${key}`} data-testid={`figure-${key}`}>
          <dt>{label}</dt>
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
  const e = await getTranslations("essays.report.legend");
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
        <div>
          <dt>{e("term")}</dt>
          <dd>{e("text")}</dd>
        </div>
      </dl>
    </details>
  );
}
