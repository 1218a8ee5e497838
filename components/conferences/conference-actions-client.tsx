"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { cancelConferenceAction, duplicateConferenceAction, restoreConferenceAction, setStatusAction } from "@/lib/conferences/actions";
import { ConfirmStep } from "@/components/ui/confirm-step-client";
import { Field } from "@/components/ui/field";
import { initialActionResult, latestMessage } from "@/lib/http/action-result";

interface Props {
  conferenceId: number;
  canEdit: boolean;
  cancellable: boolean;
  transitions: { status: string; label: string }[];
  /** A cancelled conference: why it was cancelled, and the statuses it may go back to. */
  restorable?: { reason: string; statuses: { status: string; label: string }[] } | null;
}

/** What an organiser may do with a conference; the server checks every one of them again. */
export function ConferenceActionsClient({ conferenceId, canEdit, cancellable, transitions, restorable = null }: Props) {
  const t = useTranslations("conferences");
  const s = useTranslations("safety.conference");
  const [statusState, statusAction, statusPending] = useActionState(setStatusAction, initialActionResult);
  const [cancelState, cancelAction, cancelPending] = useActionState(cancelConferenceAction, initialActionResult);
  const [restoreState, restoreAction, restoring] = useActionState(restoreConferenceAction, initialActionResult);
  const outcome = latestMessage(statusState, cancelState, ...(restoreState.ok ? [restoreState] : []));

  return (
    <div className="actions-bar">
      <div className="row-actions">
        {canEdit ? (
          <Link className="button primary" href={`/conferences/${conferenceId}/edit`}>
            {t("edit")}
          </Link>
        ) : null}
        {transitions.map((tr) => (
          <form key={tr.status} action={statusAction}>
            <input type="hidden" name="conferenceId" value={conferenceId} />
            <input type="hidden" name="status" value={tr.status} />
            <button className="button" type="submit" disabled={statusPending}>
              {tr.label}
            </button>
          </form>
        ))}
        <form action={duplicateConferenceAction}>
          <input type="hidden" name="conferenceId" value={conferenceId} />
          <button className="button" type="submit">
            {t("duplicate")}
          </button>
        </form>
        <a className="button subtle-dark" href={`/api/conferences/${conferenceId}.ics`} download>
          {t("downloadIcs")}
        </a>
      </div>
      {outcome ? (
        <p className={`notice ${outcome.ok ? "success" : "error"}`} role="status">
          {outcome.message}
        </p>
      ) : null}
      {cancellable ? (
        <details className="cancel-box">
          <summary>{t("cancel")}</summary>
          <form action={cancelAction} className="form" noValidate>
            <p className="small">{s("cancelHint")}</p>
            <input type="hidden" name="conferenceId" value={conferenceId} />
            <Field id="cancel-reason" label={t("cancelReason")} error={cancelState.fieldErrors?.reason}>
              <textarea id="cancel-reason" name="reason" rows={2} maxLength={500} required />
            </Field>
            <div>
              <button className="button danger" type="submit" disabled={cancelPending}>
                {t("confirmCancel")}
              </button>
            </div>
          </form>
        </details>
      ) : null}
      {restorable ? (
        <ConfirmStep
          formAction={restoreAction}
          state={restoreState}
          pending={restoring}
          fields={{ conferenceId }}
          trigger={s("restoreTitle")}
          title={s("restoreTitle")}
          hint={s("restoreHint", { reason: restorable.reason })}
          confirmLabel={s("confirmRestore")}
          danger={false}
        >
          <div className="field">
            <label htmlFor="restore-status">{s("restoreTo")}</label>
            <select id="restore-status" name="status" defaultValue={restorable.statuses[0]?.status}>
              {restorable.statuses.map((st) => (
                <option key={st.status} value={st.status}>
                  {st.label}
                </option>
              ))}
            </select>
          </div>
        </ConfirmStep>
      ) : null}
    </div>
  );
}
