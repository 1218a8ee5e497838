import type { ActionResult } from "@/lib/http/action-result";

/** The message an action answered with, beside the button that sent it: green when it worked, red when refused. */
export function ActionMessage({ state }: { state: ActionResult }) {
  if (!state.message) return null;
  return (
    <span className={`notice small ${state.ok ? "success" : "error"}`} role="status">
      {state.message}
    </span>
  );
}
