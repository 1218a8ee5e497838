import type { Locale } from "./locales";
import { MESSAGES } from "./messages";
import type { Translator } from "./translator";

/**
 * A translator outside a request (the check-in fast path, which server.ts serves before Next, and
 * tests): dotted keys and `{name}` placeholders only, no plural forms. Built once, used many times.
 */
export function plainTranslator(locale: Locale): Translator {
  const find = (key: string) =>
    key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), MESSAGES[locale]);
  const t = ((key: string, values?: Record<string, string | number>) => {
    const text = find(key);
    if (typeof text !== "string") return key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
  }) as Translator;
  t.has = (key) => typeof find(key) === "string";
  return t;
}
