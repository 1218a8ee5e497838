import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DocumentTitle, PartyHeading } from "@/components/documents/party-heading";
import { Signature } from "@/components/documents/signature";
import { PrintButtonClient } from "@/components/invitations/print-button-client";
import { formatRate } from "@/lib/reports/format-rate";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getBoard } from "@/lib/board/get-board";
import { attendanceRate, essayRate, type EssayCounts, type Tally } from "@/lib/reports/attendance-rules";
import { reportIssuer } from "@/lib/reports/report-issuer";
import { countBridgePoints, getCampaignReport, getUnitReport, readableUnit } from "@/lib/reports/report-views";
import { parseReportFilter } from "@/lib/schemas/reports";
import { formatDate } from "@/lib/time/format";
import { letterDate } from "@/lib/time/long-date";
import "./report.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("printReport") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Text the unit writes on the page before printing (the number, strengths, limitations,
 * recommendations, recipients, the signer). Not stored.
 */
function Editable({ label, testId, inline = false, children }: { label: string; testId: string; inline?: boolean; children?: React.ReactNode }) {
  const Tag = inline ? "span" : "div";
  return (
    <Tag
      className={inline ? "editable editable-inline" : "editable"}
      contentEditable
      suppressContentEditableWarning
      aria-label={label}
      role="textbox"
      aria-multiline={inline ? undefined : "true"}
      data-testid={testId}
    >
      {children}
    </Tag>
  );
}

function FigureRow({ label, tally }: { label: string; tally: Tally }) {
  return (
    <tr>
      <td>{label}</td>
      <td className="num">{tally.invited}</td>
      <td className="num">{tally.present}</td>
      <td className="num">{tally.late}</td>
      <td className="num">{tally.excused}</td>
      <td className="num">{tally.unexcused}</td>
      <td className="num">{tally.unknown}</td>
      <td className="num">{formatRate(attendanceRate(tally))}</td>
    </tr>
  );
}

/**
 * One line of the first table: invited = present + absent + not yet known, on its face; then the
 * reflection essays handed in and their rate over the present column beside them.
 */
function CountCells({ tally, essays }: { tally: Tally; essays: EssayCounts }) {
  return (
    <>
      <td className="num">{tally.invited}</td>
      <td className="num">{tally.present}</td>
      <td className="num">{tally.excused + tally.unexcused}</td>
      <td className="num">{tally.unknown}</td>
      <td className="num">{formatRate(attendanceRate(tally))}</td>
      <td className="num">{essays.submitted}</td>
      <td className="num">{formatRate(essayRate(essays, tally))}</td>
    </>
  );
}

/** The counting rule, printed under the tables: what each column counts, so the figures can be checked on paper. */
async function PrintedLegend() {
  const t = await getTranslations("reports");
  const e = await getTranslations("essays.report");
  return (
    <div className="print-legend" data-testid="printed-legend">
      <p>
        <em>{t("print.legendTitle")}</em>
      </p>
      <p>
        {t("print.legendRule")} {e("print.legendRule")}
      </p>
      {(["invited", "present", "excused", "unexcused", "unknown", "rate"] as const).map((k) => (
        <p key={k}>
          <strong>{t(`legend.${k}.term`)}</strong>: {t(`legend.${k}.text`)}
        </p>
      ))}
      <p>
        <strong>{e("legend.term")}</strong>: {e("legend.text")}
      </p>
    </div>
  );
}

/**
 * "Báo cáo kết quả học tập, quán triệt" for a unit (?unit=code) or the province,
 * in the Party document format (Hướng dẫn 36-HD/VPTW), A4, to print or save as PDF.
 */
export default async function PrintReportPage({ searchParams }: Props) {
  const user = await requirePageUser("report:read");
  const filter = parseReportFilter(await searchParams);
  const t = await getTranslations();
  const base = { campaignId: filter.campaign, from: filter.from, to: filter.to, bodyId: filter.body, category: filter.category };
  const now = new Date();
  const unit = filter.unit ? await readableUnit(db, user, filter.unit) : null;
  if (filter.unit && !unit) notFound();
  if (!unit && user.scopeUnitIds !== "all") notFound();

  const unitReport = unit ? await getUnitReport(db, user, unit.code, base, now) : null;
  const campaignReport = unit ? null : await getCampaignReport(db, user, base, now);
  const campaign = unitReport?.campaign ?? campaignReport?.campaign;
  if (!campaign) notFound();
  const split = (unitReport ?? campaignReport)!.split;
  const total = split.total;
  const essays = (unitReport ?? campaignReport)!.essays;
  const issuingUnit = unit ?? (await db.query.units.findFirst({ where: (u, { isNull }) => isNull(u.parentId) }))!;
  // In Vietnamese the document's own wording; in English, the words around the names are translated (the names are data).
  const vietnamese = (await getLocale()) === "vi";
  const d = await getTranslations("polish.documents");
  const issuer = await reportIssuer(
    db,
    issuingUnit,
    vietnamese
      ? undefined
      : {
          forReport: d("recipients.forReport"),
          below: d("recipients.below"),
          standing: (committee) => d("recipients.standing", { committee }),
          archive: (committee) => d("recipients.archive", { committee }),
          central: (merged) => d(merged ? "recipients.centralMerged" : "recipients.central"),
        },
  );
  // Bridge points of the conferences counted (sites other than the main hall), within the reader's part.
  const conferenceIds = unitReport ? unitReport.figures.map((f) => f.conference.id) : campaignReport!.conferenceIds;
  const bridgePoints = await countBridgePoints(db, user, conferenceIds);
  // "Held" as everywhere else: the status as of now (decision 0022), not every conference on the list.
  const conferenceCount = unitReport ? unitReport.figures.length : campaignReport!.conferenceCount;
  const heldCount = unitReport ? unitReport.figures.filter((f) => f.conference.status === "held").length : campaignReport!.heldCount;
  const notYetHeld = conferenceCount - heldCount;
  // Required conferences and how many are held: the board's own figures.
  const board = unitReport ? null : await getBoard(db, user, campaign.id, now);
  const required = unitReport ? (unitReport.progress?.cells.length ?? 0) : (board?.totals.required ?? 0);
  const requiredHeld = unitReport ? (unitReport.progress?.cells.filter((c) => c.status === "held").length ?? 0) : (board?.totals.held ?? 0);
  const needsMakeUp = unitReport ? unitReport.needsMakeUp.length : total.needsMakeUp;
  const back = unit ? `/reports/units/${encodeURIComponent(unit.code)}?campaign=${campaign.id}` : `/reports?campaign=${campaign.id}`;

  return (
    <div>
      <div className="print-toolbar">
        <Link href={back}>← {t("reports.print.back")}</Link>
        <PrintButtonClient label={t("reports.print.printButton")} />
      </div>
      <article className="report-doc" data-testid="printed-report">
        <PartyHeading
          heading={issuer.heading}
          partyName={d("partyName")}
          number={
            <>
              {d("number")}{" "}
              <Editable inline label={t("reports.print.numberLabel")} testId="report-number">
                {"\u00a0\u00a0\u00a0\u00a0"}
              </Editable>
              -BC/{issuer.symbol}
            </>
          }
          placeDate={d("placeDate", { place: issuingUnit.placeName, date: vietnamese ? letterDate(now) : formatDate(now) })}
        />
        <DocumentTitle type={t("reports.print.reportTitle")} subject={t("reports.print.subject", { resolution: campaign.resolution })} />

        <h2>{t("reports.print.sectionOrganised")}</h2>
        <p className="para" data-testid="report-summary">
          {t("reports.print.organised", {
            scope: unit ? unit.name : t("reports.print.scopeProvince"),
            held: heldCount,
            required,
            requiredHeld,
            notYetHeld,
            invited: total.invited,
            present: total.present,
            known: total.present + total.excused + total.unexcused,
            unknown: total.unknown,
            rate: formatRate(attendanceRate(total)),
            late: total.late,
            excused: total.excused,
            unexcused: total.unexcused,
            walkIns: total.walkIns,
            bridgePoints,
            madeUp: total.madeUp,
          })}
        </p>
        <p className="para" data-testid="report-essays">
          {t("essays.report.print.sentence", { submitted: essays.submitted, present: total.present, rate: formatRate(essayRate(essays, total)) })}
          {essays.walkIns > 0 ? ` ${t("essays.report.print.walkIns", { count: essays.walkIns })}` : null}
        </p>
        <table className="doc-table">
          <thead>
            <tr>
              <th>{unit ? t("reports.col.conference") : t("reports.col.unit")}</th>
              {unit ? <th>{t("reports.col.date")}</th> : null}
              <th>{t("reports.figure.invited")}</th>
              <th>{t("reports.figure.present")}</th>
              <th>{t("reports.print.absent")}</th>
              <th>{t("reports.print.notYetKnown")}</th>
              <th>{t("reports.figure.rate")}</th>
              <th>{t("essays.report.print.col")}</th>
              <th>{t("essays.report.print.rateCol")}</th>
            </tr>
          </thead>
          <tbody>
            {unitReport
              ? unitReport.figures.map((f) => (
                  <tr key={f.conference.id}>
                    <td>{f.conference.title}</td>
                    <td className="num">{formatDate(f.conference.startsAt)}</td>
                    <CountCells tally={f.total} essays={f.essays} />
                  </tr>
                ))
              : [...campaignReport!.rows]
                  .sort((a, b) => a.unit.name.localeCompare(b.unit.name, "vi"))
                  .map((r) => (
                    <tr key={r.unit.id}>
                      <td>{r.unit.name}</td>
                      <CountCells tally={r.total} essays={r.essays} />
                    </tr>
                  ))}
            <tr className="total-row" data-testid="report-total">
              <td>{t("reports.print.totalRow")}</td>
              {unit ? <td /> : null}
              <CountCells tally={total} essays={essays} />
            </tr>
          </tbody>
        </table>

        <h2>{t("reports.print.sectionResults")}</h2>
        <table className="doc-table">
          <thead>
            <tr>
              <th>{t("reports.group")}</th>
              <th>{t("reports.figure.invited")}</th>
              <th>{t("reports.figure.present")}</th>
              <th>{t("reports.figure.late")}</th>
              <th>{t("reports.figure.excused")}</th>
              <th>{t("reports.figure.unexcused")}</th>
              <th>{t("reports.print.notYetKnown")}</th>
              <th>{t("reports.figure.rate")}</th>
            </tr>
          </thead>
          <tbody>
            <FigureRow label={t("reports.partyMembers")} tally={split.member} />
            {split.nonMember.invited > 0 ? <FigureRow label={t("reports.nonMembers")} tally={split.nonMember} /> : null}
            {Object.entries(split.categories)
              .filter(([, v]) => v.invited > 0)
              .map(([k, v]) => (
                <FigureRow key={k} label={t.has(`categories.${k}`) ? t(`categories.${k}`) : k || t("reports.noCategory")} tally={v} />
              ))}
          </tbody>
        </table>

        <PrintedLegend />

        {unitReport && unitReport.needsMakeUp.length > 0 ? (
          <>
            <h2>{t("reports.print.sectionAbsent")}</h2>
            <table className="doc-table">
              <thead>
                <tr>
                  <th>{t("reports.col.name")}</th>
                  <th>{t("reports.col.conference")}</th>
                  <th>{t("reports.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {unitReport.needsMakeUp.map((a) => (
                  <tr key={a.invitationId}>
                    <td>{a.name}</td>
                    <td>{a.conferenceTitle}</td>
                    <td>{a.absenceReason ? t(`reports.reasons.${a.absenceReason}`) : t("reports.status.unexcused")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}

        <h2>{t("reports.print.sectionAssessment")}</h2>
        <p className="para">{t("reports.print.assessment", { rate: formatRate(attendanceRate(total)), makeUp: needsMakeUp })}</p>
        <p className="editable-hint">{t("reports.print.editableHint")}</p>
        {(["strengths", "limitations"] as const).map((k) => (
          <div key={k}>
            <p className="para">
              <strong>{t(`reports.print.${k}`)}</strong>
            </p>
            <Editable label={t(`reports.print.${k}`)} testId={`assessment-${k}`} />
          </div>
        ))}
        {/* The last section and the signature stay on one page: a signature never stands alone. */}
        <div className="keep-with-signature">
          <p className="para">
            <strong>{t("reports.print.recommendations")}</strong>
          </p>
          <Editable label={t("reports.print.recommendations")} testId="assessment-recommendations" />
          <footer className="doc-foot" data-testid="report-foot">
            <div className="doc-foot-left">
              <div className="doc-recipients">
                <p className="doc-recipients-label">{t("reports.print.recipients")}:</p>
                <Editable label={t("reports.print.recipients")} testId="report-recipients">
                  {issuer.recipients.map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                </Editable>
              </div>
            </div>
            <Signature
              block={issuer.signature}
              name={
                <Editable label={t("reports.print.signerName")} testId="signer-name">
                  <p className="doc-signer-name">{issuer.signature.name || t("reports.print.signerPlaceholder")}</p>
                </Editable>
              }
            />
          </footer>
        </div>
      </article>
    </div>
  );
}
