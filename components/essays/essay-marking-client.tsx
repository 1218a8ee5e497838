"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { markEssaysAction, unmarkEssaysAction } from "@/lib/essays/actions";
import { initialActionResult, latestMessage } from "@/lib/http/action-result";

/**
 * "Đánh dấu đã nộp" / "Bỏ đánh dấu" for the ticked lines of the table (their checkboxes belong
 * to this form through their `form` attribute), with the day they handed in (today by default).
 */
export function EssayMarkingClient({ formId, conferenceId, defaultDate }: { formId: string; conferenceId: number; defaultDate: string }) {
  const t = useTranslations("essays");
  const [marked, mark, marking] = useActionState(markEssaysAction, initialActionResult);
  const [unmarked, unmark, unmarking] = useActionState(unmarkEssaysAction, initialActionResult);
  const [selected, setSelected] = useState(0);
  const latest = latestMessage(marked, unmarked);

  useEffect(() => {
    const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${formId}"][name=invitationIds]`)];
    const count = () => setSelected(boxes().filter((b) => b.checked).length);
    document.addEventListener("change", count);
    return () => document.removeEventListener("change", count);
  }, [formId]);

  // Done: clear the ticks (the page shows the new state); the change event updates the count.
  useEffect(() => {
    if (!latest?.ok) return;
    for (const box of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${formId}"], .essay-table thead input[type=checkbox]`))
      box.checked = false;
    document.dispatchEvent(new Event("change"));
  }, [latest, formId]);

  return (
    <form id={formId} action={mark} className="essay-toolbar" data-testid="essay-marking">
      <input type="hidden" name="conferenceId" value={conferenceId} />
      <div className="field">
        <label htmlFor="essay-date">{t("date")}</label>
        <input
          id="essay-date"
          name="date"
          defaultValue={defaultDate}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          aria-describedby="essay-date-hint"
          size={12}
        />
        <p className="hint" id="essay-date-hint">
          {t("dateHint")}
        </p>
      </div>
      <div className="essay-toolbar-actions">
        <span className="muted small" aria-live="polite" data-testid="essay-selected">
          {t("selected", { count: selected })}
        </span>
        <button className="button primary" type="submit" disabled={marking || unmarking}>
          {t("mark")}
        </button>
        <button className="button" type="submit" formAction={unmark} disabled={marking || unmarking}>
          {t("unmark")}
        </button>
      </div>
      {latest?.message ? (
        <p className={`notice ${latest.ok ? "success" : "error"}`} role="status">
          {latest.message}
        </p>
      ) : null}
    </form>
  );
}
