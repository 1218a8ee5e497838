"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { recordAbsenceAction, recordMakeUpAction } from "@/lib/reports/actions";
import { ABSENCE_REASONS } from "@/lib/enums";
import { initialActionResult } from "@/lib/http/action-result";

interface Props {
  invitationId: number;
  name: string;
  reason: string | null;
  note: string;
  /** dd/MM/yyyy, or "". */
  makeUpDate: string;
  makeUpNote: string;
  /** Make-up only makes sense once someone is absent (excused, or the conference is over). */
  canMakeUp: boolean;
}

/** An organiser records why a guest was absent, and later the make-up session they attended. */
export function AbsenceFormsClient({ invitationId, name, reason, note, makeUpDate, makeUpNote, canMakeUp }: Props) {
  const t = useTranslations("reports");
  const [absence, saveAbsence, savingAbsence] = useActionState(recordAbsenceAction, initialActionResult);
  const [makeUp, saveMakeUp, savingMakeUp] = useActionState(recordMakeUpAction, initialActionResult);
  const latest = [absence, makeUp].filter((s) => s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
  return (
    <details className="absence-forms">
      <summary>{t("recordFor", { name })}</summary>
      <form action={saveAbsence} className="inline-form">
        <input type="hidden" name="invitationId" value={invitationId} />
        <label>
          <span>{t("reason")}</span>
          <select name="reason" defaultValue={reason ?? ""}>
            <option value="">{t("noReason")}</option>
            {ABSENCE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("reasonNote")}</span>
          <input name="note" defaultValue={note} maxLength={500} />
        </label>
        <button className="button small" type="submit" disabled={savingAbsence}>
          {t("saveReason")}
        </button>
      </form>
      {canMakeUp ? (
        <form action={saveMakeUp} className="inline-form">
          <input type="hidden" name="invitationId" value={invitationId} />
          <label>
            <span>{t("makeUpDate")}</span>
            <input name="date" defaultValue={makeUpDate} placeholder="dd/mm/yyyy" inputMode="numeric" aria-invalid={Boolean(makeUp.fieldErrors?.date)} />
          </label>
          <label>
            <span>{t("makeUpNote")}</span>
            <input name="note" defaultValue={makeUpNote} maxLength={300} />
          </label>
          <button className="button small" type="submit" disabled={savingMakeUp}>
            {t("saveMakeUp")}
          </button>
        </form>
      ) : null}
      {latest?.message ? (
        <p className={`notice ${latest.ok ? "success" : "error"}`} role="status">
          {latest.message}
        </p>
      ) : null}
    </details>
  );
}
