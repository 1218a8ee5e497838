import type { z } from "zod";
import type { Translator } from "@/lib/i18n/translator";

/** What every server action returns to its form (useActionState). */
export interface ActionResult {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What was submitted (passwords never), so that a refused form keeps what the user typed. */
  values?: Record<string, string>;
  /** Conflicts that refused the save (blocking) or that the user must confirm (warnings). */
  conflicts?: { blocking: boolean; message: string }[];
  /** True when only warnings stand in the way: submitting again with confirmation saves. */
  needsConfirm?: boolean;
  /** Changes on every submission so the form can reset or announce. */
  at?: number;
}

export const initialActionResult: ActionResult = { ok: false };

/**
 * Turns zod issues into one translated message per field. Schemas use keys of
 * the "validation" messages; anything else falls back to "invalid".
 */
export function fieldErrorsFrom(error: z.ZodError, t: Translator) {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!errors[field]) errors[field] = refusalMessage(t, issue.message);
  }
  return errors;
}

/** Of several forms' answers, the most recent one that has something to say. */
export function latestMessage(...states: ActionResult[]): ActionResult | undefined {
  return states.filter((s) => s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
}

/** The submitted text fields, without passwords, for re-filling a refused form. */
export function submittedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && !key.startsWith("$") && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * A refusal code in words: a shared validation message, or one of the safety feature
 * (reasons, restores, merges: lib/i18n/messages/features/safety.*.json); never a raw code.
 */
export function refusalMessage(t: Translator, code: string, values?: Record<string, string | number>): string {
  if (t.has(`validation.${code}`)) return t(`validation.${code}`, values);
  if (t.has(`safety.errors.${code}`)) return t(`safety.errors.${code}`, values);
  return t("validation.invalid");
}
