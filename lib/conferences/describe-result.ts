/** Turns a SaveResult into what a form shows, in the user's language. */
import { refusalMessage, type ActionResult } from "@/lib/http/action-result";
import type { Translator as Translate } from "@/lib/i18n/translator";
import type { Conflict } from "./find-conflicts";
import type { SaveResult } from "./save-conference";

export function conflictMessages(conflicts: Conflict[], t: Translate) {
  return conflicts.map((c) => ({ blocking: c.blocking, message: t(`conflicts.${c.code}`, c.params) }));
}

export function describeRefusal(result: Exclude<SaveResult, { ok: true }>, t: Translate, values?: Record<string, string>): ActionResult {
  if ("conflicts" in result) {
    return {
      ok: false,
      conflicts: conflictMessages(result.conflicts, t),
      needsConfirm: result.conflicts.every((c) => !c.blocking),
      values,
      at: Date.now(),
    };
  }
  const message = refusalMessage(t, result.code);
  return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
}
