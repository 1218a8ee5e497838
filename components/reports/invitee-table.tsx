import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { InviteeLine, InviteeSort } from "@/lib/reports/invitee-lines";
import { formatDate, formatDateKey, formatTime } from "@/lib/time/format";
import { AbsenceFormsClient } from "./absence-forms-client";

/** Invitees (one page, already sorted) with status, check-in time, lateness and the day their essay came in; organisers record absences and make-up sessions inline. */
export async function InviteeTable({
  lines,
  sort,
  sortHref,
  canRecord,
  over,
}: {
  lines: InviteeLine[];
  sort?: InviteeSort;
  sortHref: (sort: string) => string;
  canRecord: boolean;
  over: boolean;
}) {
  const t = await getTranslations();
  const head = (key: InviteeSort, label: string) => (
    <th scope="col" aria-sort={sort === key || (!sort && key === "name") ? "ascending" : undefined}>
      <Link href={sortHref(key)}>{label}</Link>
    </th>
  );
  return (
    <div className="table-scroll">
      <table className="table stack-on-phone" data-testid="invitee-table">
        <caption className="visually-hidden">{t("reports.inviteesCaption")}</caption>
        <thead>
          <tr>
            {head("name", t("reports.col.name"))}
            {head("unit", t("reports.col.unit"))}
            {head("status", t("reports.col.status"))}
            {head("time", t("reports.col.checkedInAt"))}
            <th scope="col">{t("reports.col.late")}</th>
            <th scope="col">{t("reports.col.reason")}</th>
            <th scope="col">{t("reports.col.makeUp")}</th>
            <th scope="col">{t("essays.col.essay")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.invitationId} data-status={line.status}>
              <td data-label={t("reports.col.name")}>
                <strong>{line.name}</strong>
                <span className="muted small block">{[line.position, line.siteVenue].filter(Boolean).join(" · ")}</span>
                {line.substituteName ? <span className="small block">{t("reports.substituteFor", { name: line.substituteName })}</span> : null}
              </td>
              <td data-label={t("reports.col.unit")}>{line.unitName}</td>
              <td data-label={t("reports.col.status")}>
                <span className={`badge status-${line.status}`}>{t(`reports.status.${line.status}`)}</span>
              </td>
              <td data-label={t("reports.col.checkedInAt")}>{line.checkedInAt ? formatTime(line.checkedInAt) : "—"}</td>
              <td data-label={t("reports.col.late")}>{line.minutesLate > 0 ? t("reports.minutes", { n: line.minutesLate }) : ""}</td>
              <td data-label={t("reports.col.reason")}>
                {line.absenceReason ? t(`reports.reasons.${line.absenceReason}`) : ""}
                {line.absenceNote ? <span className="muted small block">{line.absenceNote}</span> : null}
                {canRecord && line.status !== "on_time" && line.status !== "late" ? (
                  <AbsenceFormsClient
                    invitationId={line.invitationId}
                    name={line.name}
                    reason={line.absenceReason}
                    note={line.absenceNote}
                    makeUpDate={line.makeUpAttendedAt ? formatDate(line.makeUpAttendedAt) : ""}
                    makeUpNote={line.makeUpNote ?? ""}
                    canMakeUp={over || line.status === "excused"}
                  />
                ) : null}
              </td>
              <td data-label={t("reports.col.makeUp")}>{line.makeUpAttendedAt ? formatDate(line.makeUpAttendedAt) : ""}</td>
              <td data-label={t("essays.col.essay")}>{line.essayOn ? formatDateKey(line.essayOn) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
