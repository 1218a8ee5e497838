"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { restoreInvitationAction, revokeInvitationAction, rowAction, substituteAction } from "@/lib/invitations/actions";
import { ConfirmStep } from "@/components/ui/confirm-step-client";
import { initialActionResult, latestMessage } from "@/lib/http/action-result";

interface Props {
  conferenceId: number;
  invitationId: number;
  /** The invitee's name: the confirmation says whose letter it is. */
  personName: string;
  status: "draft" | "issued" | "revoked";
  siteId: number;
  sites: { id: number; label: string }[];
  substituteName: string;
  substitutePosition: string;
}

export function InvitationRowActionsClient({ conferenceId, invitationId, personName, status, siteId, sites, substituteName, substitutePosition }: Props) {
  const t = useTranslations("invitations");
  const s = useTranslations("safety.invitation");
  const [state, action, pending] = useActionState(rowAction, initialActionResult);
  const [subState, subAction, subPending] = useActionState(substituteAction, initialActionResult);
  const [revokeState, revokeAction, revoking] = useActionState(revokeInvitationAction, initialActionResult);
  const [restoreState, restoreAction, restoring] = useActionState(restoreInvitationAction, initialActionResult);
  // The step shows its own refusals; the row shows successes and the other forms' answers.
  const outcome = latestMessage(state, subState, ...[revokeState, restoreState].filter((r) => r.ok));
  const ids = { conferenceId, invitationId };
  const hidden = (
    <>
      <input type="hidden" name="conferenceId" value={conferenceId} />
      <input type="hidden" name="invitationId" value={invitationId} />
    </>
  );
  return (
    <div className="row-actions">
      {status === "issued" ? (
        <ConfirmStep
          formAction={revokeAction}
          state={revokeState}
          pending={revoking}
          fields={ids}
          trigger={s("revoke")}
          title={s("revokeTitle", { name: personName })}
          hint={s("revokeHint")}
          confirmLabel={s("confirmRevoke")}
          reason={{ label: s("reason") }}
        />
      ) : null}
      {status === "revoked" ? (
        <ConfirmStep
          formAction={restoreAction}
          state={restoreState}
          pending={restoring}
          fields={ids}
          trigger={s("restore")}
          title={s("restoreTitle", { name: personName })}
          hint={s("restoreHint")}
          confirmLabel={s("confirmRestore")}
          danger={false}
        />
      ) : null}
      {status !== "draft" ? (
        <form action={action}>
          {hidden}
          <button className="button small" name="op" value="reissue" disabled={pending}>
            {t("reissue")}
          </button>
        </form>
      ) : (
        <form action={action}>
          {hidden}
          <button className="button small danger" name="op" value="remove" disabled={pending}>
            {t("remove")}
          </button>
        </form>
      )}
      {sites.length > 1 ? (
        <form action={action} className="inline-form">
          {hidden}
          <label className="visually-hidden" htmlFor={`site-${invitationId}`}>
            {t("site")}
          </label>
          <select id={`site-${invitationId}`} name="siteId" defaultValue={siteId}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
          <button className="button small" name="op" value="site" disabled={pending}>
            {t("moveSite")}
          </button>
        </form>
      ) : null}
      {status === "issued" ? (
        <details>
          <summary>{t("substitute")}</summary>
          <form action={subAction} className="stack-sm">
            {hidden}
            <label htmlFor={`sub-name-${invitationId}`}>{t("substituteName")}</label>
            <input id={`sub-name-${invitationId}`} name="name" defaultValue={substituteName} maxLength={120} />
            <label htmlFor={`sub-pos-${invitationId}`}>{t("substitutePosition")}</label>
            <input id={`sub-pos-${invitationId}`} name="position" defaultValue={substitutePosition} maxLength={200} />
            <button className="button small" type="submit" disabled={subPending}>
              {t("saveSubstitute")}
            </button>
          </form>
        </details>
      ) : null}
      {outcome ? (
        <p className={`notice small ${outcome.ok ? "success" : "error"}`} role="status">
          {outcome.message}
        </p>
      ) : null}
    </div>
  );
}
