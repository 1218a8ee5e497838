"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState, type ReactNode } from "react";
import { initialActionResult, type ActionResult } from "@/lib/http/action-result";
import { ActionMessage } from "./action-message";
import { describedBy } from "./field";

type ServerAction = (previous: ActionResult, form: FormData) => Promise<ActionResult>;

interface StepProps {
  /** The form action (from the caller's useActionState), its last answer and whether it runs. */
  formAction: (form: FormData) => void;
  state: ActionResult;
  pending: boolean;
  /** Hidden fields: which object. */
  fields: Record<string, string | number>;
  /** The button that opens the step ("Thu hồi"). */
  trigger: string;
  /** What is about to happen, as a heading ("Thu hồi giấy mời của Nguyễn Văn A"). */
  title: string;
  /** Its consequences, and whether and how it can be undone. */
  hint: string;
  /** The one button that does it ("Xác nhận thu hồi"). */
  confirmLabel: string;
  /** Red buttons: the action takes something out of use. */
  danger?: boolean;
  /** A required reason (3–500 characters), sent as `reason`. */
  reason?: { label: string; hint?: string };
  /** Other inputs of the step (a status to go back to). */
  children?: ReactNode;
  className?: string;
}

/**
 * A destructive action in two steps (docs/decisions/0024): the first button opens a panel that says what will
 * happen and how it can be undone, asks for a reason when one is needed, and has one clear button
 * that does it (and "Quay lại"). The panel closes once the action succeeds; the answer stays.
 */
export function ConfirmStep({
  formAction,
  state,
  pending,
  fields,
  trigger,
  title,
  hint,
  confirmLabel,
  danger = true,
  reason,
  children,
  className = "",
}: StepProps) {
  const t = useTranslations("safety");
  const id = useId();
  // The answer showing when the step was opened: a newer success closes it (no effect, no clocks).
  const [openedWith, setOpenedWith] = useState<ActionResult | null>(null);
  const open = openedWith !== null && !(state.ok && state !== openedWith);
  const reasonError = open ? state.fieldErrors?.reason : undefined;
  return (
    <div className={`confirm-step-wrap ${className}`}>
      {open ? null : (
        <button
          type="button"
          className={`button small ${danger ? "danger" : ""}`}
          aria-expanded={false}
          aria-controls={`${id}-panel`}
          onClick={() => setOpenedWith(state)}
        >
          {trigger}
        </button>
      )}
      {open ? (
        <div className={`confirm-step${danger ? " danger" : ""}`} id={`${id}-panel`} role="group" aria-labelledby={`${id}-title`}>
          <p className="confirm-step-title" id={`${id}-title`}>
            {title}
          </p>
          <p className="small">{hint}</p>
          {/* Re-mounted after each answer, so that a refused reason shows again as typed. */}
          <form key={state.at ?? 0} action={formAction} className="stack-sm" noValidate>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {reason ? (
              <div className={`field${reasonError ? " has-error" : ""}`}>
                <label htmlFor={`${id}-reason`}>{reason.label}</label>
                <textarea
                  id={`${id}-reason`}
                  name="reason"
                  rows={2}
                  minLength={3}
                  maxLength={500}
                  required
                  autoFocus
                  defaultValue={state.ok ? "" : (state.values?.reason ?? "")}
                  {...describedBy(`${id}-reason`, reason.hint ?? t("reasonHint"), reasonError)}
                />
                <p className="hint" id={`${id}-reason-hint`}>
                  {reason.hint ?? t("reasonHint")}
                </p>
                {reasonError ? (
                  <p className="field-error" id={`${id}-reason-error`}>
                    {reasonError}
                  </p>
                ) : null}
              </div>
            ) : null}
            {children}
            <div className="row-actions">
              <button type="submit" className={`button small ${danger ? "danger solid" : "primary"}`} disabled={pending} autoFocus={!reason}>
                {confirmLabel}
              </button>
              <button type="button" className="button small subtle-dark" onClick={() => setOpenedWith(null)}>
                {t("back")}
              </button>
            </div>
            {!state.ok && state.message && !reasonError ? <ActionMessage state={state} /> : null}
          </form>
        </div>
      ) : null}
    </div>
  );
}

/** The same step with its own action state, for a row that shows the answer beside it. */
export function ConfirmStepFormClient({ action, ...props }: Omit<StepProps, "formAction" | "state" | "pending"> & { action: ServerAction }) {
  const [state, formAction, pending] = useActionState(action, initialActionResult);
  return (
    <>
      <ConfirmStep {...props} formAction={formAction} state={state} pending={pending} />
      {state.ok ? <ActionMessage state={state} /> : null}
    </>
  );
}
