"use client";

import { useActionState } from "react";
import { initialActionResult, type ActionResult } from "@/lib/http/action-result";
import { ActionMessage } from "./action-message";

interface Props {
  /** A server action taking (previous state, form). */
  action: (previous: ActionResult, form: FormData) => Promise<ActionResult>;
  /** The form's hidden fields: which object, and the state to switch it to. */
  fields: Record<string, string | number>;
  label: string;
  /** Asked before a destructive switch (retire, archive); none for the way back. */
  confirm: string | null;
  /** The button in red: the switch takes something out of use. */
  danger: boolean;
  className?: string;
}

/** One button that switches an object between two states (retire/restore, archive/unarchive), with a confirmation and the answer beside it. */
export function ConfirmToggleFormClient({ action, fields, label, confirm, danger, className = "inline-form" }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionResult);
  return (
    <form
      action={formAction}
      className={className}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button className={`button small ${danger ? "danger" : ""}`} type="submit" disabled={pending}>
        {label}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
