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
 * the "validation" messages (or of the feature's, named in `namespaces`); anything else falls back to "invalid".
 */
export function fieldErrorsFrom(error: z.ZodError, t: Translator, namespaces: readonly string[] = REFUSAL_NAMESPACES) {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!errors[field]) errors[field] = refusalMessage(t, issue.message, undefined, namespaces);
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

/** Where a refusal code finds its words, in this order: the shared validation messages, then the safety feature's. */
export const REFUSAL_NAMESPACES: readonly string[] = ["validation", "safety.errors"];

/**
 * A refusal code in words: a shared validation message, or one of the safety feature
 * (reasons, restores, merges: lib/i18n/messages/features/safety.*.json), or of the namespaces
 * a feature names, in its order; never a raw code.
 */
export function refusalMessage(
  t: Translator,
  code: string,
  values?: Record<string, string | number>,
  namespaces: readonly string[] = REFUSAL_NAMESPACES,
): string {
  for (const namespace of namespaces) if (t.has(`${namespace}.${code}`)) return t(`${namespace}.${code}`, values);
  // Unknown: the feature's own "invalid" when it has one, else the shared one.
  const fallback = namespaces.find((namespace) => t.has(`${namespace}.invalid`));
  return t(fallback ? `${fallback}.invalid` : "validation.invalid");
}
