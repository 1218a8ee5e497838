import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db";
import { toLocale } from "@/lib/i18n/locales";
import { loadKindLabels, type KindLabels } from "./kind-labels";

/** The kind labels in the request's language (pages and server components). */
export async function getKindLabels(): Promise<KindLabels> {
  const locale = toLocale(await getLocale());
  const t = await getTranslations();
  return await loadKindLabels(db, locale, (path) => (t.has(path) ? t(path) : undefined));
}
