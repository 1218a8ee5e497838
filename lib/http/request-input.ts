import { z } from "zod";

/**
 * The raw shapes requests arrive in, turned into what zod parses: an id in a URL segment, a
 * submitted form. Used by every page and action that takes them (docs/decisions/0027: one home, not the
 * conference schemas).
 */

/** An id in a URL: "12" → 12; anything else → null (then 404). */
export function parseId(value: string): number | null {
  if (!/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** FormData → plain object, with the named fields as arrays (checkbox groups, multi-selects). */
export function formToObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$")) continue;
    out[key] = arrays.includes(key) ? form.getAll(key).filter((v) => v !== "") : form.get(key);
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

/** An id in a URL segment, for a route's params schema: "12" → 12; anything else is refused (then 404). */
export const idParam = z.string().transform((value, ctx) => {
  const id = parseId(value);
  if (id === null) {
    ctx.addIssue({ code: "custom", message: "notFound" });
    return z.NEVER;
  }
  return id;
});
