/**
 * The exports of each report view (docs/decisions/0010): the tables, with headers in the
 * user's language (Vietnamese by default). XLSX has one sheet per table; CSV
 * carries the view's main table (the conference's invitees, the unit's
 * conferences, the campaign's units).
 */
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Translator } from "@/lib/i18n/translator";
import type { ConferenceFigures } from "../conference-figures";
import { conferenceInviteeLines, type AbsenteeLine, type InviteeLine } from "../invitee-lines";
import { attendanceRate, essayRate, type EssayCounts, type Tally } from "../attendance-rules";
import { getCampaignReport, getConferenceReport, getUnitReport, type CampaignUnitRow, type Split } from "../report-views";
import type { Column, ReportTable } from "./table";

export interface ExportPlan {
  filename: string;
  tables: ReportTable<unknown>[];
  csv: ReportTable<unknown>;
}

const FIGURES = ["invited", "present", "onTime", "late", "substitutes", "walkIns", "excused", "unexcused", "unknown", "madeUp", "needsMakeUp"] as const;

function figureLabel(t: Translator, key: (typeof FIGURES)[number]) {
  if (key === "onTime") return t("reports.status.on_time");
  if (key === "madeUp") return t("reports.col.makeUp");
  if (key === "needsMakeUp") return t("reports.makeUpNeeded");
  return t(`reports.figure.${key}`);
}

function summaryTable(t: Translator, total: Tally, essays: EssayCounts): ReportTable<unknown> {
  const rate = attendanceRate(total);
  // Counts as numbers; the rates as fractions shown as percentages, like the rate columns of the other sheets.
  const rows: [string, number | null, "int" | "percent"][] = [
    ...FIGURES.map((k): [string, number, "int"] => [figureLabel(t, k), total[k], "int"]),
    [t("reports.figure.rate"), rate, "percent"],
    [t("essays.report.col"), essays.submitted, "int"],
    [t("essays.report.walkInCol"), essays.walkIns, "int"],
    [t("essays.report.rateColLong"), essayRate(essays, total), "percent"],
  ];
  const columns: Column<[string, number | null, "int" | "percent"]>[] = [
    { header: t("reports.group"), type: "text", width: 30, value: (r) => r[0] },
    { header: t("reports.value"), type: "int", cellType: (r) => r[2], value: (r) => r[1] },
  ];
  return { sheet: "Tổng hợp", columns: columns as Column<unknown>[], rows };
}

function tallyColumns<Row>(t: Translator, of: (row: Row) => Tally): Column<Row>[] {
  return [
    { header: t("reports.figure.invited"), type: "int", value: (r) => of(r).invited },
    { header: t("reports.figure.present"), type: "int", value: (r) => of(r).present },
    { header: t("reports.figure.late"), type: "int", value: (r) => of(r).late },
    { header: t("reports.figure.substitutes"), type: "int", value: (r) => of(r).substitutes },
    { header: t("reports.figure.walkIns"), type: "int", value: (r) => of(r).walkIns },
    { header: t("reports.figure.excused"), type: "int", value: (r) => of(r).excused },
    { header: t("reports.figure.unexcused"), type: "int", value: (r) => of(r).unexcused },
    { header: t("reports.figure.unknown"), type: "int", value: (r) => of(r).unknown },
    { header: t("reports.figure.rate"), type: "percent", value: (r) => attendanceRate(of(r)) },
  ];
}

/** Essays handed in and their rate over those present, beside a row's tally. */
function essayColumns<Row>(t: Translator, of: (row: Row) => Tally, essaysOf: (row: Row) => EssayCounts): Column<Row>[] {
  return [
    { header: t("essays.report.col"), type: "int", value: (r) => essaysOf(r).submitted },
    { header: t("essays.report.rateColLong"), type: "percent", width: 18, value: (r) => essayRate(essaysOf(r), of(r)) },
  ];
}

function splitTable(t: Translator, split: Split): ReportTable<unknown> {
  const rows: [string, Tally][] = [
    [t("reports.partyMembers"), split.member],
    [t("reports.nonMembers"), split.nonMember],
    ...Object.entries(split.categories).map(([k, v]): [string, Tally] => [t.has(`categories.${k}`) ? t(`categories.${k}`) : k || t("reports.noCategory"), v]),
  ];
  const columns: Column<[string, Tally]>[] = [
    { header: t("reports.group"), type: "text", width: 36, value: (r) => r[0] },
    ...tallyColumns<[string, Tally]>(t, (r) => r[1]),
  ];
  return { sheet: "Theo nhóm", columns: columns as Column<unknown>[], rows };
}

function inviteeColumns(t: Translator): Column<InviteeLine>[] {
  return [
    { header: t("reports.col.name"), type: "text", value: (r) => r.name },
    { header: t("people.position"), type: "text", value: (r) => r.position },
    { header: t("people.workplace"), type: "text", value: (r) => r.workplace },
    { header: t("reports.col.unit"), type: "text", value: (r) => r.unitName },
    { header: t("people.partyMember"), type: "text", value: (r) => (r.partyMember ? "x" : "") },
    { header: t("reports.category"), type: "text", value: (r) => (t.has(`categories.${r.category}`) ? t(`categories.${r.category}`) : r.category) },
    { header: t("reports.col.site"), type: "text", value: (r) => r.siteVenue },
    { header: t("reports.col.status"), type: "text", value: (r) => t(`reports.status.${r.status}`) },
    { header: t("reports.col.checkedInAt"), type: "datetime", value: (r) => r.checkedInAt },
    { header: t("reports.col.late"), type: "int", value: (r) => (r.minutesLate > 0 ? r.minutesLate : null) },
    { header: t("reports.figure.substitutes"), type: "text", value: (r) => r.substituteName ?? "" },
    { header: t("reports.col.reason"), type: "text", value: (r) => (r.absenceReason ? t(`reports.reasons.${r.absenceReason}`) : "") },
    { header: t("reports.reasonNote"), type: "text", value: (r) => r.absenceNote },
    { header: t("reports.col.makeUp"), type: "date", value: (r) => r.makeUpAttendedAt },
    // A calendar day (yyyy-MM-dd): a date cell in XLSX, the same text in CSV.
    { header: t("essays.report.inviteeCol"), type: "date", value: (r) => r.essayOn },
  ];
}

/** The conference's invitees are read row by row from the (read-only) connection while the file is written. */
export async function conferenceExport(
  db: Db,
  user: SessionUser,
  conferenceId: number,
  siteId: number | undefined,
  t: Translator,
  now = new Date(),
): Promise<ExportPlan | null> {
  const report = await getConferenceReport(db, user, conferenceId, { siteId }, now, { withInvitees: false });
  if (!report) return null;
  const invitees = (): ReportTable<unknown> => ({
    sheet: "Người được mời",
    columns: inviteeColumns(t) as Column<unknown>[],
    rows: { [Symbol.asyncIterator]: () => conferenceInviteeLines(db, report.conference, { siteId }, now) },
  });
  type WalkIn = (typeof report.walkIns)[number];
  const walkIns: ReportTable<unknown> = {
    sheet: "Không có giấy mời",
    columns: [
      { header: t("reports.col.name"), type: "text", value: (r: WalkIn) => r.name },
      { header: t("people.position"), type: "text", value: (r: WalkIn) => r.position },
      { header: t("people.workplace"), type: "text", value: (r: WalkIn) => r.workplace },
      { header: t("reports.col.site"), type: "text", value: (r: WalkIn) => r.siteVenue },
      { header: t("reports.col.checkedInAt"), type: "datetime", value: (r: WalkIn) => r.checkedInAt },
    ] as Column<unknown>[],
    rows: report.walkIns,
  };
  return {
    filename: `diem-danh-hoi-nghi-${conferenceId}`,
    tables: [summaryTable(t, report.figures.total, report.figures.essays), splitTable(t, report.split), invitees(), walkIns],
    csv: invitees(),
  };
}

function conferenceFigureColumns(t: Translator): Column<ConferenceFigures>[] {
  return [
    { header: t("reports.col.conference"), type: "text", width: 50, value: (r) => r.conference.title },
    { header: t("reports.col.unit"), type: "text", value: (r) => r.conference.unitName },
    { header: t("reports.body"), type: "text", value: (r) => r.conference.bodyName },
    { header: t("reports.col.date"), type: "datetime", value: (r) => r.conference.startsAt },
    ...tallyColumns<ConferenceFigures>(t, (r) => r.total),
    ...essayColumns<ConferenceFigures>(
      t,
      (r) => r.total,
      (r) => r.essays,
    ),
  ];
}

function absenteeColumns(t: Translator): Column<AbsenteeLine>[] {
  return [
    { header: t("reports.col.conference"), type: "text", width: 40, value: (r) => r.conferenceTitle },
    { header: t("reports.col.date"), type: "date", value: (r) => r.conferenceStartsAt },
    ...(inviteeColumns(t) as Column<AbsenteeLine>[]).filter(
      (c) => ![t("reports.col.checkedInAt"), t("reports.col.late"), t("essays.report.inviteeCol")].includes(c.header),
    ),
  ];
}

export async function unitExport(
  db: Db,
  user: SessionUser,
  code: string,
  filter: Parameters<typeof getUnitReport>[3],
  t: Translator,
  now = new Date(),
): Promise<ExportPlan | null> {
  const report = await getUnitReport(db, user, code, filter, now);
  if (!report) return null;
  const conferences: ReportTable<unknown> = { sheet: "Hội nghị", columns: conferenceFigureColumns(t) as Column<unknown>[], rows: report.figures };
  return {
    filename: `bao-cao-${report.unit.code}-dot-${report.campaign.id}`,
    tables: [
      summaryTable(t, report.split.total, report.essays),
      conferences,
      splitTable(t, report.split),
      { sheet: "Người vắng", columns: absenteeColumns(t) as Column<unknown>[], rows: report.absentees },
    ],
    csv: conferences,
  };
}

export async function campaignExport(
  db: Db,
  user: SessionUser,
  filter: Parameters<typeof getCampaignReport>[2],
  t: Translator,
  now = new Date(),
): Promise<ExportPlan | null> {
  const report = await getCampaignReport(db, user, filter, now);
  if (!report) return null;
  const unitColumns: Column<CampaignUnitRow>[] = [
    { header: t("reports.col.unit"), type: "text", value: (r) => r.unit.name },
    { header: t("reports.missing"), type: "int", value: (r) => r.missing },
    ...tallyColumns<CampaignUnitRow>(t, (r) => r.total),
    ...essayColumns<CampaignUnitRow>(
      t,
      (r) => r.total,
      (r) => r.essays,
    ),
  ];
  const units: ReportTable<unknown> = { sheet: "Theo đơn vị", columns: unitColumns as Column<unknown>[], rows: report.rows };
  type Cell = { unit: string; title: string; cell: CampaignUnitRow["cells"][number] };
  const titles = new Map(report.requirements.map((r) => [r.id, r.title]));
  const cells: Cell[] = report.rows.flatMap((row) => row.cells.map((cell) => ({ unit: row.unit.name, title: titles.get(cell.requirementId) ?? "", cell })));
  const cellColumns: Column<Cell>[] = [
    { header: t("reports.col.unit"), type: "text", value: (r) => r.unit },
    { header: t("reports.col.conference"), type: "text", width: 50, value: (r) => r.title },
    { header: t("reports.figure.invited"), type: "int", value: (r) => r.cell.tally?.invited ?? null },
    { header: t("reports.figure.present"), type: "int", value: (r) => r.cell.tally?.present ?? null },
    { header: t("reports.figure.rate"), type: "percent", value: (r) => r.cell.rate },
  ];
  return {
    filename: `bao-cao-dot-${report.campaign.id}`,
    tables: [
      summaryTable(t, report.split.total, report.essays),
      units,
      { sheet: "Đơn vị × hội nghị", columns: cellColumns as Column<unknown>[], rows: cells },
      splitTable(t, report.split),
    ],
    csv: units,
  };
}
