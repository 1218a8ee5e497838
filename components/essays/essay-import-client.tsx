"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { commitEssayImportAction, previewEssayImportAction } from "@/lib/essays/actions";
import { ESSAY_IMPORT_STATUSES, initialEssayImportState, type EssayImportLine } from "@/lib/essays/import-state";
import { MAX_ACTION_UPLOAD_BYTES, uploadTooLarge } from "@/lib/http/upload-limit";
import { formatDateKey } from "@/lib/time/format";

/** The preview shows this many lines (the problems first); the commit takes every matched line. */
const SHOWN_LINES = 500;
const BADGE: Record<EssayImportLine["status"], string> = {
  new: "status-on_time",
  already: "status-excused",
  notAttendee: "status-unexcused",
  notFound: "status-unexcused",
  ambiguous: "status-late",
  duplicate: "status-unknown",
  badDate: "status-late",
};

function explain(t: ReturnType<typeof useTranslations>, line: EssayImportLine): string {
  if (line.status === "ambiguous") return t("explain.ambiguous", { count: line.candidates ?? 0 });
  if (line.status === "badDate") return t(`explain.${line.dateProblem ?? "format"}`);
  if (line.status === "notAttendee" || line.status === "notFound" || line.status === "duplicate") return t(`explain.${line.status}`);
  return line.submittedOn ? formatDateKey(line.submittedOn) : "";
}

/** Paste a list or choose a file, see what each line matched, then record the new ones. */
export function EssayImportClient({ conferenceId, defaultDate }: { conferenceId: number; defaultDate: string }) {
  const t = useTranslations("essays.import");
  const [preview, read, reading] = useActionState(previewEssayImportAction, initialEssayImportState);
  const [committed, commit, committing] = useActionState(commitEssayImportAction, initialEssayImportState);
  const [tooLarge, setTooLarge] = useState(false);
  const lines = preview.lines ?? [];
  const fresh = lines.filter((l) => l.status === "new");
  const counts = preview.counts;
  // Problems first, then the lines to record, then those already recorded.
  const order = (l: EssayImportLine) => (l.status === "new" ? 1 : l.status === "already" ? 2 : 0);
  const shown = [...lines].sort((a, b) => order(a) - order(b) || a.line - b.line).slice(0, SHOWN_LINES);
  const wasCommitted = committed.at !== undefined && preview.at !== undefined && committed.at > preview.at;
  const readMessage = tooLarge ? t("fileTooLarge") : !preview.ok ? preview.message : undefined;

  return (
    <div className="stack-sm">
      <form
        action={read}
        className="form"
        data-testid="essay-import"
        onSubmit={(event) => {
          // Refused here, in words: past the actions' body limit the server answers with its error page.
          const text = event.currentTarget.elements.namedItem("text");
          const pasted = text instanceof HTMLTextAreaElement ? new Blob([text.value]).size : 0;
          const refuse = uploadTooLarge(event.currentTarget) || pasted > MAX_ACTION_UPLOAD_BYTES;
          setTooLarge(refuse);
          if (refuse) event.preventDefault();
        }}
      >
        <input type="hidden" name="conferenceId" value={conferenceId} />
        <div className="field">
          <label htmlFor="essay-list">{t("text")}</label>
          <textarea id="essay-list" name="text" rows={6} spellCheck={false} placeholder={"Họ và tên\tĐơn vị\nNguyễn Văn An\tHuyện Ba Tơ"} />
        </div>
        <div className="field">
          <label htmlFor="essay-file">{t("file")}</label>
          <input id="essay-file" name="file" type="file" accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </div>
        <div className="field narrow-field">
          <label htmlFor="essay-import-date">{t("date")}</label>
          <input id="essay-import-date" name="date" defaultValue={defaultDate} inputMode="numeric" placeholder="dd/mm/yyyy" size={12} />
        </div>
        <div className="form-footer">
          {readMessage ? (
            <p className="notice error" role="status">
              {readMessage}
            </p>
          ) : null}
          <button className="button" type="submit" disabled={reading}>
            {reading ? t("previewing") : t("preview")}
          </button>
        </div>
      </form>

      {preview.ok && counts ? (
        <section className="stack-sm" aria-labelledby="essay-preview-title" data-testid="essay-preview">
          <h3 id="essay-preview-title">{t("preview")}</h3>
          <p data-testid="essay-preview-summary">
            {t("summary", { total: lines.length, new: counts.new, already: counts.already, problems: lines.length - counts.new - counts.already })}
          </p>
          <ul className="inline-list small" aria-label={t("status")}>
            {ESSAY_IMPORT_STATUSES.filter((s) => counts[s] > 0).map((s) => (
              <li key={s}>
                <span className={`badge ${BADGE[s]}`}>{t(`statuses.${s}`)}</span> {counts[s]}
              </li>
            ))}
          </ul>
          {wasCommitted ? null : fresh.length > 0 ? (
            <form action={commit} className="row-actions">
              <input type="hidden" name="conferenceId" value={conferenceId} />
              <input type="hidden" name="entries" value={fresh.map((l) => `${l.invitationId}:${l.submittedOn}`).join(",")} />
              <button className="button primary" type="submit" disabled={committing}>
                {t("commit", { count: fresh.length })}
              </button>
            </form>
          ) : (
            <p className="notice info">{t("nothingNew")}</p>
          )}
          {committed.message && wasCommitted ? (
            <p className={`notice ${committed.ok ? "success" : "error"}`} role="status" data-testid="essay-import-done">
              {committed.message}
            </p>
          ) : null}
          {lines.length > shown.length ? <p className="muted small">{t("shownFirst", { shown: shown.length, total: lines.length })}</p> : null}
          <div className="table-scroll">
            <table className="table stack-on-phone" data-testid="essay-preview-table">
              <thead>
                <tr>
                  <th scope="col">{t("line")}</th>
                  <th scope="col">{t("listed")}</th>
                  <th scope="col">{t("person")}</th>
                  <th scope="col">{t("status")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((l) => (
                  <tr key={l.line} data-status={l.status}>
                    <td data-label={t("line")}>{l.line}</td>
                    <td data-label={t("listed")} className="wrap-anywhere">
                      {l.text}
                    </td>
                    <td data-label={t("person")}>
                      {l.name ? <strong>{l.name}</strong> : "—"}
                      {l.unitName ? <span className="muted small block">{l.unitName}</span> : null}
                    </td>
                    <td data-label={t("status")}>
                      <span className={`badge ${BADGE[l.status]}`}>{t(`statuses.${l.status}`)}</span>
                      <span className="small block">{explain(t, l)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
