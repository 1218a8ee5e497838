"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { mergePeopleAction, undoMergeAction } from "@/lib/people/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmStep } from "@/components/ui/confirm-step-client";
import { initialActionResult } from "@/lib/http/action-result";

/** The preview page's one button: merge `duplicateId` into `keepId` (the server plans it again and refuses what it would refuse). */
export function MergeConfirmClient({ duplicateId, keepId, label }: { duplicateId: number; keepId: number; label: string }) {
  const [state, action, pending] = useActionState(mergePeopleAction, initialActionResult);
  return (
    <form action={action} className="stack-sm" data-testid="merge-confirm">
      <input type="hidden" name="duplicateId" value={duplicateId} />
      <input type="hidden" name="keepId" value={keepId} />
      <input type="hidden" name="confirm" value="1" />
      <div>
        <button className="button danger solid" type="submit" disabled={pending}>
          {label}
        </button>
      </div>
      {state.message ? (
        <p className="notice error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** "Hoàn tác gộp": splits the merged record off again, after saying what that does. */
export function UndoMergeClient({ mergeId, mergedName }: { mergeId: number; mergedName: string }) {
  const t = useTranslations("safety.merge");
  const [state, action, pending] = useActionState(undoMergeAction, initialActionResult);
  return (
    <div className="stack-sm" data-testid={`undo-merge-${mergeId}`}>
      <ConfirmStep
        formAction={action}
        state={state}
        pending={pending}
        fields={{ mergeId }}
        trigger={t("undo")}
        title={t("undo")}
        hint={t("undoHint", { name: mergedName })}
        confirmLabel={t("confirmUndo", { name: mergedName })}
        danger={false}
      />
      {state.ok ? <ActionMessage state={state} /> : null}
    </div>
  );
}
