import { getTranslations } from "next-intl/server";
import type { EssayLine } from "@/lib/essays/list-essays";
import { formatDateKey, formatTime } from "@/lib/time/format";
import { SelectAllClient } from "./select-all-client";

/**
 * A page of attendees and their essays. With `formId`, each line has a checkbox that belongs to
 * that form (the marking form beside the table), so the table itself stays on the server.
 */
export async function EssayTable({ lines, formId }: { lines: EssayLine[]; formId?: string }) {
  const t = await getTranslations("essays");
  return (
    <div className="table-scroll">
      <table className="table stack-on-phone essay-table" data-testid="essay-table">
        <caption className="visually-hidden">{t("heading")}</caption>
        <thead>
          <tr>
            {formId ? (
              <th scope="col" className="select-col">
                <SelectAllClient formId={formId} label={t("selectAll")} />
              </th>
            ) : null}
            <th scope="col">{t("col.name")}</th>
            <th scope="col">{t("col.unit")}</th>
            <th scope="col">{t("col.checkedInAt")}</th>
            <th scope="col">{t("col.essay")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.invitationId} data-invitation={line.invitationId} data-essay={line.submittedOn ? "submitted" : "missing"}>
              {formId ? (
                <td className="select-col" data-label={t("col.select")}>
                  <input type="checkbox" name="invitationIds" value={line.invitationId} form={formId} aria-label={t("selectOne", { name: line.name })} />
                </td>
              ) : null}
              <td data-label={t("col.name")}>
                <strong>{line.name}</strong>
                {line.walkIn ? <span className="badge small">{t("walkIn")}</span> : null}
                <span className="muted small block">{[line.position, line.siteVenue].filter(Boolean).join(" · ")}</span>
                {line.substituteName ? <span className="small block">{t("substituteFor", { name: line.substituteName })}</span> : null}
              </td>
              <td data-label={t("col.unit")}>{line.unitName}</td>
              <td data-label={t("col.checkedInAt")}>{formatTime(line.checkedInAt)}</td>
              <td data-label={t("col.essay")}>
                {line.submittedOn ? (
                  <span className="badge status-on_time">{t("submittedOn", { date: formatDateKey(line.submittedOn) })}</span>
                ) : (
                  <span className="badge status-unknown">{t("state.missing")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
