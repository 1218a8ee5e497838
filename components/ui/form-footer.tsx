import type { ActionResult } from "@/lib/http/action-result";

/** The foot of a form: what the action answered (green or red), then the submit button, disabled while it runs. */
export function FormFooter({ state, pending, label }: { state: ActionResult; pending: boolean; label: string }) {
  return (
    <div className="form-footer">
      {state.message ? (
        <p className={`notice ${state.ok ? "success" : "error"}`} role="status">
          {state.message}
        </p>
      ) : null}
      <button className="button primary" type="submit" disabled={pending}>
        {label}
      </button>
    </div>
  );
}
