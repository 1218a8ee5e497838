"use client";

import { useTranslations } from "next-intl";

export type WalkInPerson = { fullName: string; position: string; workplace: string };

/** A guest without a letter, written down at the door (queued like a scan when offline). */
export function WalkInForm({ onSubmit }: { onSubmit: (person: WalkInPerson) => Promise<void> }) {
  const t = useTranslations("scan");
  async function walkIn(form: FormData) {
    await onSubmit({
      fullName: String(form.get("fullName") ?? "").trim(),
      position: String(form.get("position") ?? ""),
      workplace: String(form.get("workplace") ?? ""),
    });
  }
  return (
    <section className="card stack-sm" aria-labelledby="walkin-title">
      <h2 id="walkin-title">{t("walkInTitle")}</h2>
      <form className="stack-sm" action={walkIn}>
        <label htmlFor="walkin-name">{t("walkInName")}</label>
        <input id="walkin-name" name="fullName" required minLength={2} maxLength={120} />
        <label htmlFor="walkin-position">{t("walkInPosition")}</label>
        <input id="walkin-position" name="position" maxLength={200} />
        <label htmlFor="walkin-workplace">{t("walkInWorkplace")}</label>
        <input id="walkin-workplace" name="workplace" maxLength={300} />
        <div>
          <button className="button" type="submit">
            {t("walkInSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
